package dev.roster.adapters.rest.audit;

import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.audit.AuditEvent.Party;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit trail as CSV (RFC 4180, through Commons CSV): one header row, then one row per event in the
 * order given. A cell that a spreadsheet would read as a formula (it starts with {@code = + - @}, a tab
 * or a carriage return) is prefixed with {@code '} (OWASP "CSV injection"): emails, names and the
 * emails typed into a failed login are chosen by people the reader does not control.
 */
final class AuditCsv {
    static final List<String> HEADER = List.of("occurredAt", "action", "actorId", "actorEmail", "targetId", "targetEmail",
            "before", "after", "ip", "requestId", "count", "lastOccurredAt", "seq", "id", "hash");

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();

    private AuditCsv() {
    }

    /** A printer that writes the header row to {@code out} at once. */
    static CSVPrinter printer(Appendable out) throws IOException {
        return new CSVPrinter(out, FORMAT);
    }

    /** The cells of one event, each made safe for a spreadsheet. */
    static List<String> row(AuditEvent e) {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(time(e.occurredAt()));
        cells.add(e.action());
        cells.add(of(e.actor(), Party::id));
        cells.add(of(e.actor(), Party::email));
        cells.add(of(e.target(), Party::id));
        cells.add(of(e.target(), Party::email));
        cells.add(nullToEmpty(AuditEvent.detailsJson(e.before())));
        cells.add(nullToEmpty(AuditEvent.detailsJson(e.after())));
        cells.add(nullToEmpty(e.ip()));
        cells.add(nullToEmpty(e.requestId()));
        cells.add(Integer.toString(e.count()));
        cells.add(time(e.lastAt()));
        cells.add(Long.toString(e.seq()));
        cells.add(nullToEmpty(e.id()));
        cells.add(nullToEmpty(e.hash()));
        return cells.stream().map(AuditCsv::safe).toList();
    }

    /** {@code '} before a cell a spreadsheet would evaluate; every other cell as it is. */
    static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String of(Party p, Function<Party, String> part) {
        return p == null ? "" : nullToEmpty(part.apply(p));
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
