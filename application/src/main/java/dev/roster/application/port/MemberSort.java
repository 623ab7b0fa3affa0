package dev.roster.application.port;

import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.Optional;

/** The orders of the member list (shared by the query use case and the membership repository: ADR 0044); each is total because ties are broken by the member id. */
public enum MemberSort {
    EMAIL_ASC("email"), EMAIL_DESC("-email"), LAST_ACTIVE_ASC("lastActiveAt"), LAST_ACTIVE_DESC("-lastActiveAt"),
    STATUS_ASC("status"), CREATED_ASC("createdAt"), CREATED_DESC("-createdAt");

    private final String param;

    MemberSort(String param) {
        this.param = param;
    }

    /** The name a client uses ({@code -email}). */
    public String param() {
        return param;
    }

    public static Optional<MemberSort> ofParam(String p) {
        for (MemberSort s : values()) {
            if (s.param.equals(p)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The sort value of a listed member for this order (times as epoch millis, -1 when never active). */
    public String keyOf(Membership member, Instant lastActiveAt) {
        return switch (this) {
            case EMAIL_ASC, EMAIL_DESC -> member.email().value();
            case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> Long.toString(lastActiveAt == null ? -1 : lastActiveAt.toEpochMilli());
            case STATUS_ASC -> member.status().name();
            case CREATED_ASC, CREATED_DESC -> Long.toString(member.createdAt().toEpochMilli());
        };
    }

    public boolean descending() {
        return this == EMAIL_DESC || this == LAST_ACTIVE_DESC || this == CREATED_DESC;
    }

    /** Whether the sort value is a number (epoch millis), compared as one. */
    public boolean numeric() {
        return this == LAST_ACTIVE_ASC || this == LAST_ACTIVE_DESC || this == CREATED_ASC || this == CREATED_DESC;
    }

    /** A position in an order: the sort value and the id of the last member seen. */
    public record Position(String value, String id) {
    }
}
