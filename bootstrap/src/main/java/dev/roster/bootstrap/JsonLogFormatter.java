package dev.roster.bootstrap;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One JSON object per log line ({@code roster.log.format=json}), for log shippers: time, level, logger,
 * thread, message and, when there is one, the exception. Installed on the root handlers at start-up.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public String format(LogRecord r) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(r.getMillis()).toString())
                .add("level", r.getLevel().getName())
                .add("logger", r.getLoggerName() == null ? "" : r.getLoggerName())
                .add("thread", r.getLongThreadID())
                .add("message", formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            b.add("exception", trace.toString());
        }
        return b.build().toString() + System.lineSeparator();
    }

    /** Puts this formatter on every handler of the root logger. */
    static void install() {
        JsonLogFormatter f = new JsonLogFormatter();
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(f);
        }
    }
}
