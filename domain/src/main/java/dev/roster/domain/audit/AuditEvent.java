package dev.roster.domain.audit;

import dev.roster.domain.common.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One entry of an append-only, per-account audit chain. {@code hash} is SHA-256 over the previous
 * entry's hash and this entry's canonical form, so editing or deleting a stored entry breaks the chain
 * from there on. {@code before}/{@code after} hold only what changed; values are strings, booleans or
 * lists of strings, and never a secret.
 *
 * <p>{@code count} and {@code lastAt} are not part of the sealed form: a refusal repeated by the same
 * identity from the same source within a window is one entry whose count grows (ADR 0034), so
 * the hash covers the first occurrence and the count says how many followed (1 and null when none).
 */
public record AuditEvent(String id, String chain, long seq, Instant occurredAt, String action, Party actor,
                         Party target, Map<String, Object> before, Map<String, Object> after, String ip,
                         String requestId, String prevHash, String hash, int count, Instant lastAt) {

    /** The chain of events that belong to no account (failed logins of unknown emails). */
    public static final String SYSTEM_CHAIN = "_system";

    /** Who acted or was acted on: an id (a member id within an account) and the email at the time. */
    public record Party(String id, String email) {
    }

    public AuditEvent {
        before = before == null ? null : Map.copyOf(before);
        after = after == null ? null : Map.copyOf(after);
        if (count < 1) {
            throw new IllegalArgumentException("count < 1");
        }
    }

    /** An entry that occurred once. */
    public AuditEvent(String id, String chain, long seq, Instant occurredAt, String action, Party actor, Party target,
                      Map<String, Object> before, Map<String, Object> after, String ip, String requestId, String prevHash,
                      String hash) {
        this(id, chain, seq, occurredAt, action, actor, target, before, after, ip, requestId, prevHash, hash, 1, null);
    }

    /** What a use case records; the chain position and hashes are added when it is appended. */
    public record Draft(String chain, String action, Party actor, Party target, Map<String, Object> before,
                        Map<String, Object> after) {
    }

    /** Seals a draft as the entry after {@code prevHash} at position {@code seq}. */
    public static AuditEvent seal(Draft d, long seq, Instant at, String ip, String requestId, String prevHash) {
        String id = UUID.randomUUID().toString();
        String hash = hashOf(prevHash, canonical(id, d.chain(), seq, at, d.action(), d.actor(), d.target(), d.before(),
                d.after(), ip, requestId));
        return new AuditEvent(id, d.chain(), seq, at, d.action(), d.actor(), d.target(), d.before(), d.after(), ip,
                requestId, prevHash, hash);
    }

    /** Whether this entry's hash matches its content and the given previous hash. */
    public boolean verifies(String expectedPrevHash) {
        return java.util.Objects.equals(prevHash, expectedPrevHash)
                && hash.equals(hashOf(prevHash, canonical(id, chain, seq, occurredAt, action, actor, target, before,
                after, ip, requestId)));
    }

    static String canonical(String id, String chain, long seq, Instant at, String action, Party actor, Party target,
                            Map<String, Object> before, Map<String, Object> after, String ip, String requestId) {
        return String.join("\n", id, chain, Long.toString(seq), Long.toString(at.toEpochMilli()), action,
                party(actor), party(target), map(before), map(after), String.valueOf(ip), String.valueOf(requestId));
    }

    private static String party(Party p) {
        return p == null ? "-" : p.id() + "|" + p.email();
    }

    private static String map(Map<String, Object> m) {
        if (m == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder("{");
        new TreeMap<>(m).forEach((k, v) -> b.append(k).append('=').append(v instanceof List<?> l ? l.toString() : String.valueOf(v)).append(';'));
        return b.append('}').toString();
    }

    /**
     * The JSON object of a before/after map (strings, booleans, lists of strings), in insertion order:
     * the one rendering that the store keeps and the API shows. Null for null. Written by {@link JsonText};
     * a boolean stays a boolean, a list's items and every other value become strings (as they always were
     * stored: a number is {@code "3"}), so stored details read back as what the hash covers.
     */
    public static String detailsJson(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        m.forEach((k, v) -> details.put(k, v instanceof Boolean ? v
                : v instanceof List<?> list ? list.stream().map(String::valueOf).toList() : String.valueOf(v)));
        return JsonText.of(details);
    }

    static String hashOf(String prevHash, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.valueOf(prevHash).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            return HexFormat.of().formatHex(md.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
