package dev.roster.domain.identity;

import java.util.UUID;

/** Identifier of a person's identity, shared by all of their memberships (not the API's {@code userId}, which is a {@link dev.roster.domain.membership.MemberId}). */
public record IdentityId(String value) {
    public IdentityId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("identity id is required");
        }
    }

    public static IdentityId random() {
        return new IdentityId(UUID.randomUUID().toString());
    }
}
