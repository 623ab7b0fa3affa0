package dev.roster.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Ends the process with status 3 when the server fails to deploy the application (review F20). Some
 * failures happen before any Roster code runs, so {@link Startup}'s own exit cannot catch them: the
 * persistence unit logs in to the database while the server deploys it, and an unreachable or refused
 * database used to leave a process running with no application. The server reports a failed
 * deployment as a SEVERE record of its core logger; this filter on that logger turns the first one
 * that arrives before Roster has started into an exit with status 3, after printing what failed with
 * any credentials of the data source URL masked.
 */
final class FailedDeployment {
    static final String CORE_LOGGER = "javax.enterprise.system.core";
    private static final Logger CORE = Logger.getLogger(CORE_LOGGER);
    /** The connector's logger that prints a data source property it cannot set (RAR5103), the URL whole. */
    private static final Logger CONNECTOR = Logger.getLogger("javax.enterprise.resource.resourceadapter.com.sun.gjc.util");
    private static final AtomicBoolean WATCHING = new AtomicBoolean();
    private static final AtomicBoolean EXITING = new AtomicBoolean();

    private FailedDeployment() {
    }

    /** Installs the filter (once per application class loader). */
    static void watch() {
        if (!WATCHING.compareAndSet(false, true)) {
            return;
        }
        Filter previous = CORE.getFilter();
        CORE.setFilter(record -> {
            if (fatal(record)) {
                if (claimExit()) {
                    exit(record);
                }
                mask(record);
            }
            return previous == null || previous.isLoggable(record);
        });
        Filter connector = CONNECTOR.getFilter();
        CONNECTOR.setFilter(record -> {
            mask(record);
            return connector == null || connector.isLoggable(record);
        });
    }

    /**
     * Masks data source credentials in a record: its message, its parameters, and its exception, whose
     * messages are folded into the message (masked) in place of the stack trace.
     */
    static void mask(LogRecord record) {
        if (record.getMessage() != null) {
            record.setMessage(RosterConfig.masked("roster.datasource.url", record.getMessage()));
        }
        Object[] params = record.getParameters();
        if (params != null) {
            Object[] safe = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                safe[i] = params[i] == null ? null : RosterConfig.masked("roster.datasource.url", String.valueOf(params[i]));
            }
            record.setParameters(safe);
        }
        if (record.getThrown() != null) {
            record.setMessage(record.getMessage() + " (" + causes(record.getThrown()) + ")");
            record.setThrown(null);
        }
    }

    /** The messages of an exception and its causes, masked, on one line. */
    static String causes(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null && out.length() < 2000; c = c.getCause() == c ? null : c.getCause()) {
            out.append(out.length() == 0 ? "" : "; caused by ").append(c.getClass().getName()).append(": ")
                    .append(String.valueOf(c.getMessage()).replaceAll("\\s+", " "));
        }
        return RosterConfig.masked("roster.datasource.url", out.toString());
    }

    /** Marks the exit as under way (Startup's own, after it printed why); true for the first caller only. */
    static boolean claimExit() {
        return EXITING.compareAndSet(false, true);
    }

    static boolean fatal(LogRecord record) {
        return record.getLevel().intValue() >= Level.SEVERE.intValue() && !Startup.STARTED.get();
    }

    private static void exit(LogRecord record) {
        Throwable t = record.getThrown();
        String why = t != null ? causes(t)
                : RosterConfig.masked("roster.datasource.url", String.valueOf(record.getMessage()).replaceAll("\\s+", " "));
        System.err.println("Roster cannot start: the application could not be deployed: " + why);
        Thread exit = new Thread(() -> System.exit(3), "roster-exit");
        exit.setDaemon(true);
        exit.start();
    }
}
