package dev.roster.domain;

import java.util.UUID;

/** Identifier value objects. Ids are opaque strings made by the domain (random UUIDs). */
public final class Ids {
    private Ids() {
    }

    static String require(String value, String what) {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException(what + " id is required");
        }
        return value;
    }

    /** An account (tenant). */
    public record AccountId(String value) {
        public AccountId {
            require(value, "account");
        }

        public static AccountId random() {
            return new AccountId(UUID.randomUUID().toString());
        }
    }

    /** A person's identity, shared by all of their memberships. */
    public record UserId(String value) {
        public UserId {
            require(value, "user");
        }

        public static UserId random() {
            return new UserId(UUID.randomUUID().toString());
        }
    }

    /** One membership of an identity in an account (the {@code userId} of the API paths). */
    public record MemberId(String value) {
        public MemberId {
            require(value, "member");
        }

        public static MemberId random() {
            return new MemberId(UUID.randomUUID().toString());
        }
    }
}
