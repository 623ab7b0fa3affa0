package dev.roster.adapters.rest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit trail's CSV: what a spreadsheet would evaluate is defused; quotes, commas and newlines survive a round trip. */
class AuditCsvTest {
    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
    void aCellThatWouldBeAFormulaGetsAQuote(String cell) {
        assertThat(AuditCsv.safe(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ina@example.com", "{\"roles\":[\"EDITOR\"]}", "203.0.113.7", "a=b", "1"})
    void anOrdinaryCellStaysAsItIs(String cell) {
        assertThat(AuditCsv.safe(cell)).isEqualTo(cell);
    }

    @Test
    void aRowRoundTripsThroughAnRfc4180Parser() throws Exception {
        AuditEvent e = new AuditEvent("ev-1", "acc-1", 7, Instant.parse("2026-11-25T10:15:30.123Z"), "authz_change",
                new Party("m-1", "=cmd|' /C calc'!A0@example.com"), new Party("m-2", "ina@example.com"),
                Map.of("roles", List.of("EDITOR")), Map.of("roles", List.of("VIEWER")), "203.0.113.7", "req,\"1\"\nx",
                "prev", "hash-7", 3, Instant.parse("2026-11-25T10:20:00Z"));
        StringWriter out = new StringWriter();
        try (var csv = AuditCsv.printer(out)) {
            csv.printRecord(AuditCsv.row(e));
            csv.printRecord(AuditCsv.row(new AuditEvent("ev-2", "acc-1", 6, Instant.EPOCH, "authn_login_fail", null, null,
                    null, null, null, null, null, "hash-6")));
        }
        List<CSVRecord> rows = CSVParser.parse(new StringReader(out.toString()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).getRecords();
        assertThat(rows).hasSize(2);
        CSVRecord first = rows.get(0);
        assertThat(first.getParser().getHeaderNames()).isEqualTo(AuditCsv.HEADER);
        assertThat(first.get("occurredAt")).isEqualTo("2026-11-25T10:15:30.123Z");
        assertThat(first.get("actorEmail")).isEqualTo("'=cmd|' /C calc'!A0@example.com");
        assertThat(first.get("targetEmail")).isEqualTo("ina@example.com");
        assertThat(first.get("before")).isEqualTo("{\"roles\":[\"EDITOR\"]}");
        assertThat(first.get("after")).isEqualTo("{\"roles\":[\"VIEWER\"]}");
        assertThat(first.get("requestId")).isEqualTo("req,\"1\"\nx");
        assertThat(first.get("count")).isEqualTo("3");
        assertThat(first.get("lastOccurredAt")).isEqualTo("2026-11-25T10:20:00Z");
        assertThat(first.get("seq")).isEqualTo("7");
        CSVRecord second = rows.get(1);
        assertThat(second.get("actorEmail")).isEmpty();
        assertThat(second.get("before")).isEmpty();
        assertThat(second.get("lastOccurredAt")).isEmpty();
        assertThat(second.get("count")).isEqualTo("1");
    }
}
