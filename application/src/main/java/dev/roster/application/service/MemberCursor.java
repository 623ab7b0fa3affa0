package dev.roster.application.service;

import dev.roster.application.port.out.MembershipRepository.MemberSort;
import dev.roster.application.port.out.MembershipRepository.SortKey;
import dev.roster.domain.common.Exceptions.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque list cursor: base64url of the sort, the last sort value and the last id. */
final class MemberCursor {
    private MemberCursor() {
    }

    static String encode(MemberSort sort, SortKey key) {
        String raw = sort.param() + "\n" + key.value() + "\n" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static SortKey decode(MemberSort sort, String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", -1);
            if (parts.length == 3 && parts[0].equals(sort.param()) && !parts[2].isEmpty()) {
                if (sort.numeric()) {
                    Long.parseLong(parts[1]);
                }
                return new SortKey(parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the validation error
        }
        throw new ValidationException("cursor", "The cursor is invalid or belongs to another sort order.");
    }
}
