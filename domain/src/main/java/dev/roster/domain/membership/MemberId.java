package dev.roster.domain.membership;

import java.util.UUID;

/** Identifier of one membership of an identity in an account: the {@code userId} of the API paths. */
public record MemberId(String value) {
    public MemberId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("member id is required");
        }
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID().toString());
    }
}
