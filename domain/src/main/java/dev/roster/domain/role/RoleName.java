package dev.roster.domain.role;

/** The name of a role in a catalog ({@code ADMIN}, {@code DATA_TRUSTEE}…); whether it exists is the catalog's question. */
public record RoleName(String value) implements Comparable<RoleName> {
    public RoleName {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("a role name is 1-64 characters");
        }
    }

    @Override
    public int compareTo(RoleName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
