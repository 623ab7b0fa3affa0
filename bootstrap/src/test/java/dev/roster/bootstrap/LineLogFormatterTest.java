package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Issue 22: the text log writes one line per event, whatever the message or the exception holds. */
class LineLogFormatterTest {
    @Test
    void eachRecordIsOneLineWithItsTimeLevelAndLogger() {
        LogRecord r = new LogRecord(Level.WARNING, "Mail for {0} not delivered:\r\nline two");
        r.setParameters(new Object[] {"ina@example.com"});
        r.setLoggerName("dev.roster.Test");
        r.setInstant(Instant.parse("2026-12-06T14:58:15.002Z"));
        r.setThrown(new IllegalStateException("boom"));
        String line = new LineLogFormatter().format(r);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n", "\r")
                .startsWith("2026-12-06T14:58:15.002Z WARNING dev.roster.Test: Mail for ina@example.com not delivered:\\nline two | ")
                .contains("java.lang.IllegalStateException: boom\\n\tat ");
    }

    @Test
    void aRecordWithoutLoggerNameOrExceptionStaysShort() {
        LogRecord r = new LogRecord(Level.INFO, "ready");
        r.setInstant(Instant.parse("2026-12-06T14:58:15Z"));
        assertThat(new LineLogFormatter().format(r).strip()).isEqualTo("2026-12-06T14:58:15Z INFO -: ready");
    }
}
