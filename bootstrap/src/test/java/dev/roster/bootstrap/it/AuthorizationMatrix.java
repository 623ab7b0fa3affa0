package dev.roster.bootstrap.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.it.Api.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every member endpoint × a set of callers → the expected status. Mutations are sent in a form that an
 * allowed caller gets refused *after* authorization (stale If-Match, missing Confirm-Email, invalid
 * body), so one run of the matrix changes nothing but a resend counter.
 */
final class AuthorizationMatrix {
    static final String[] ENDPOINTS = {"roles", "list", "invite", "view", "patch", "delete", "resend", "audit", "verify"};

    private AuthorizationMatrix() {
    }

    static Reply call(Api api, String endpoint, String accountId, String memberId, String token) {
        String account = "/api/v1/accounts/" + accountId;
        String member = account + "/users/" + memberId;
        return switch (endpoint) {
            case "roles" -> api.get(account + "/roles", token);
            case "list" -> api.get(account + "/users", token);
            case "invite" -> api.post(account + "/users", token, "{\"email\":\"not-an-email\",\"name\":\"N\",\"roles\":[]}");
            case "view" -> api.get(member, token);
            case "patch" -> api.request("PATCH", member).token(token).header("If-Match", "\"999\"").json("{\"name\":\"Matrix\"}").send();
            case "delete" -> api.request("DELETE", member).token(token).send();
            case "resend" -> api.post(member + "/invitation", token, null);
            case "audit" -> api.get(account + "/audit-events", token);
            case "verify" -> api.get(account + "/audit-events/verify", token);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** Runs the matrix; {@code expected} maps a caller name to its statuses in {@link #ENDPOINTS} order. */
    static void check(Api api, String accountId, String pendingMemberId, Map<String, String> tokens, Map<String, int[]> expected) {
        List<String> mismatches = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        expected.forEach((caller, statuses) -> {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < ENDPOINTS.length; i++) {
                int status = call(api, ENDPOINTS[i], accountId, pendingMemberId, tokens.get(caller)).status();
                row.append(ENDPOINTS[i]).append('=').append(status).append(' ');
                if (status != statuses[i]) {
                    mismatches.add(caller + " " + ENDPOINTS[i] + ": expected " + statuses[i] + ", got " + status);
                }
            }
            seen.put(caller, row.toString());
        });
        assertThat(mismatches).as("matrix " + seen).isEmpty();
    }
}
