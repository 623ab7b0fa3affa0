package dev.roster.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log event in the text format ({@code roster.log.format=text}, the default): time (UTC),
 * level, logger, message and, when there is one, the exception with its stack trace; line breaks inside
 * the message or the trace are written as {@code \n}, so a reader of the log (or a shipper that splits on
 * lines) never sees half an event. Installed on the root handlers at start-up, like {@link JsonLogFormatter}
 * (issue 22, ADR 0060).
 */
public final class LineLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(128)
                .append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                .append(r.getLevel().getName()).append(' ')
                .append(r.getLoggerName() == null || r.getLoggerName().isEmpty() ? "-" : r.getLoggerName()).append(": ")
                .append(oneLine(formatMessage(r)));
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            b.append(" | ").append(oneLine(trace.toString().strip()));
        }
        return b.append(System.lineSeparator()).toString();
    }

    /** {@code s} with each line break written as the two characters {@code \n}. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /**
     * The console handler starts at WARNING (logging.properties: a few of the runtime's loggers are set
     * to INFO by the runtime itself and would write their start-up notices in its two-line format); once
     * Roster's formatter is on it, it lets INFO through, which each logger's own level still filters.
     */
    static void openHandlersToInfo() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h.getLevel().intValue() > java.util.logging.Level.INFO.intValue()) {
                h.setLevel(java.util.logging.Level.INFO);
            }
        }
    }

    /** Puts this formatter on every handler of the root logger. */
    static void install() {
        LineLogFormatter f = new LineLogFormatter();
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(f);
        }
    }
}
