package dev.roster.domain.role;

/** Something a role allows, named {@code area:verb} ({@code users:manage}); roles add permissions, members hold them through roles. */
public record Permission(String value) implements Comparable<Permission> {
    /** See the member list. */
    public static final Permission USERS_VIEW = new Permission("users:view");
    /** Invite, change and remove members. */
    public static final Permission USERS_MANAGE = new Permission("users:manage");
    /** Read the audit trail. */
    public static final Permission AUDIT_VIEW = new Permission("audit:view");

    public Permission {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a permission has a name");
        }
    }

    @Override
    public int compareTo(Permission o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
