package dev.roster.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.common.JsonText;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored and hashed forms of an audit entry, pinned to what earlier versions wrote (the values below
 * were taken from the code before the JSON writer was shared with the events): existing chains must keep
 * verifying and stored details must keep reading back as they did.
 */
class AuditEventFormTest {
    static Map<String, Object> before() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("role", "EDITOR");
        before.put("active", true);
        before.put("count", 3);
        before.put("roles", List.of("A", "B\"q"));
        before.put("note", "line\nbreak \\ \u2028 é");
        before.put("none", null);
        return before;
    }

    @Test
    void detailsAreTheSameBytesAsBefore() {
        assertThat(AuditEvent.detailsJson(before())).isEqualTo(
                "{\"role\":\"EDITOR\",\"active\":true,\"count\":\"3\",\"roles\":[\"A\",\"B\\\"q\"],"
                        + "\"note\":\"line\\u000abreak \\\\ \\u2028 é\",\"none\":\"null\"}");
        assertThat(AuditEvent.detailsJson(Map.of("flags", List.of(true, 2)))).isEqualTo("{\"flags\":[\"true\",\"2\"]}");
        assertThat(AuditEvent.detailsJson(Map.of())).isEqualTo("{}");
        assertThat(AuditEvent.detailsJson(null)).isNull();
    }

    @Test
    void theHashOfAnEntryIsTheSameAsBefore() {
        Map<String, Object> before = new HashMap<>(before());
        before.remove("none");
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("role", "ADMIN");
        after.put("flags", List.of(true, 2));
        String canonical = AuditEvent.canonical("id-1", "acc-1", 7, Instant.ofEpochMilli(1700000000123L), "member_role_changed",
                new AuditEvent.Party("m1", "a@example.com"), null, before, after, "10.0.0.1", null);
        assertThat(AuditEvent.hashOf("prev", canonical)).isEqualTo("c74da12f5d1ec09c29eaf701a7989f137f2b4e2899192132f4be904a3db4a42c");
    }

    @Test
    void theEventsWriterKeepsNumbersNullsAndNesting() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("n", 3);
        doc.put("none", null);
        doc.put("data", Map.of("list", List.of(1L, "x")));
        assertThat(JsonText.of(doc)).isEqualTo("{\"n\":3,\"none\":null,\"data\":{\"list\":[1,\"x\"]}}");
    }
}
