package dev.roster.domain.invitation;

import java.util.UUID;

/** Identifier of an invitation. */
public record InvitationId(String value) {
    public InvitationId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("invitation id is required");
        }
    }

    public static InvitationId random() {
        return new InvitationId(UUID.randomUUID().toString());
    }
}
