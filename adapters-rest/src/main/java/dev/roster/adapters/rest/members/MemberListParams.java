package dev.roster.adapters.rest.members;

import dev.roster.adapters.rest.http.Paging;

import dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery;
import dev.roster.application.port.MemberSort;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.role.RoleName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The member list's query syntax: {@code status}, {@code role}, {@code q}, {@code sort}, {@code limit}
 * and the opaque {@code cursor} (base64url of the order, the sort value and the last id). Whatever does
 * not parse is handed on as a field error, for the use case to report once the caller is authorized.
 */
final class MemberListParams {
    private MemberListParams() {
    }

    static ListMembersQuery parse(String status, String role, String q, String sort, String limit, String cursor) {
        return parse(status, role, q, sort, limit, cursor, null);
    }

    /** With {@code authMethod} ({@code PASSWORD}, {@code SSO}, {@code PASSWORD_AND_SSO}; issue 19). */
    static ListMembersQuery parse(String status, String role, String q, String sort, String limit, String cursor,
                                  String authMethod) {
        List<FieldError> problems = new ArrayList<>();
        dev.roster.domain.membership.AuthMethod am = null;
        if (authMethod != null) {
            try {
                am = dev.roster.domain.membership.AuthMethod.valueOf(authMethod);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("authMethod", "authMethod must be one of PASSWORD, SSO, PASSWORD_AND_SSO."));
            }
        }
        MemberStatus st = null;
        if (status != null) {
            try {
                st = MemberStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("status", "status must be one of PENDING_INVITATION, ACTIVE, INACTIVE."));
            }
        }
        RoleName rn = null;
        if (role != null) {
            try {
                rn = new RoleName(role);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("role", "Unknown role " + role + "."));
            }
        }
        String text = null;
        if (Paging.hasControl(q)) {
            Paging.text("q", q, problems);
        } else if (q != null && q.length() > 254) {
            problems.add(new FieldError("q", "The search text must be at most 254 characters."));
        } else if (q != null && !q.isBlank()) {
            text = q.strip();
        }
        MemberSort order = MemberSort.EMAIL_ASC;
        if (sort != null) {
            order = MemberSort.ofParam(sort).orElse(null);
            if (order == null) {
                problems.add(new FieldError("sort", "sort must be one of " + Arrays.stream(MemberSort.values())
                        .map(MemberSort::param).collect(Collectors.joining(", ")) + "."));
            }
        }
        int n = Paging.limit(limit, problems);
        MemberSort.Position after = null;
        if (order != null && cursor != null && !cursor.isEmpty()) {
            after = decode(order, cursor);
            if (after == null) {
                problems.add(new FieldError("cursor", "The cursor is invalid or belongs to another sort order."));
            }
        }
        return new ListMembersQuery(st, rn, text, order == null ? MemberSort.EMAIL_ASC : order, n, after, problems, am);
    }

    static String encode(MemberSort sort, MemberSort.Position key) {
        if (key == null) {
            return null;
        }
        String raw = sort.param() + "\n" + key.value() + "\n" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static MemberSort.Position decode(MemberSort sort, String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", -1);
            if (parts.length == 3 && parts[0].equals(sort.param()) && !parts[2].isEmpty()
                    && !Paging.hasControl(parts[1]) && !Paging.hasControl(parts[2])) {
                if (sort.numeric()) {
                    Long.parseLong(parts[1]);
                }
                return new MemberSort.Position(parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // not base64url, or not a number where one belongs
        }
        return null;
    }
}
