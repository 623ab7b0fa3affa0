package dev.roster.adapters.rest.problem;

import dev.roster.domain.common.LogSafe;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The problem+json family of exception mappers: refusals by {@link ProblemTypes}, JAX-RS errors, and the last resort. */
public final class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private ExceptionMappers() {
    }

    /** JAX-RS's own errors (unknown path, wrong method, wrong media type…) as problem+json. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return Problems.of(404, "not-found", "There is nothing at this address.");
            }
            if (e instanceof NotAllowedException) {
                Response r = Problems.of(405, "method-not-allowed", "This method is not allowed here.");
                return Response.fromResponse(r).allow(e.getResponse().getAllowedMethods()).build();
            }
            if (e instanceof NotSupportedException) {
                return Problems.of(415, "unsupported-media-type", "Send the body as application/json.");
            }
            if (e instanceof NotAcceptableException) {
                return Problems.of(406, "not-acceptable", "This resource answers in application/json.");
            }
            if (status == 413) {
                return Problems.of(413, "payload-too-large", "The request body is too large.");
            }
            if (e instanceof ClientErrorException) {
                return Problems.of(status, status == 400 ? "validation" : "client-error", "The request could not be processed.");
            }
            return new FallbackExceptionMapper().toResponse(e);
        }
    }

    /** Last resort: 500 {@code internal} with a correlation id; the stack trace goes to the server log only. */
    @Provider
    public static class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                // a refusal, possibly wrapped by a container layer (e.g. a transaction interceptor)
                if (t instanceof RuntimeException r) {
                    java.util.Optional<ProblemTypes.ProblemType> type = ProblemTypes.of(r.getClass());
                    if (type.isPresent()) {
                        return Problems.of(r, type.get());
                    }
                }
            }
            String transientCause = databaseUnavailable(e);
            if (transientCause != null) {
                LOG.log(Level.WARNING, "Database unavailable, answered 503: {0}", LogSafe.line(transientCause));
                return Problems.busy("The database is not answering right now; nothing was changed. Try again shortly.",
                        RETRY_AFTER);
            }
            String id = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unhandled error, correlation id " + id, e);
            String body = Problems.body(500, "internal", "Something went wrong on our side. Quote correlation id "
                    + id + " when reporting it.", List.of()).add("correlationId", id).build().toString();
            return Response.status(500).type(Problems.MEDIA_TYPE).entity(body).build();
        }

        /**
         * Why the database could not serve the request, when it is a transient condition: the connection
         * is gone or cannot be made (SQLState class 08, PostgreSQL 57P0x while it shuts down or starts),
         * no pooled connection came free in time (the pool's {@code ResourceException}), the statement
         * timeout cancelled a query (57014), or the database gave up a transaction to a deadlock or a
         * serialization conflict (40P01, 40001), or the connection died under the commit (an
         * {@code XAException} from the pool). The transaction was rolled back in each case, so the
         * answer is 503 and the client may retry. Null for anything else (a bug: 500).
         */
        static String databaseUnavailable(Throwable e) {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof jakarta.resource.ResourceException) {
                    return t.toString();
                }
                if (t instanceof javax.transaction.xa.XAException xa) {
                    // the transaction manager could not commit on the connection: it died under the
                    // commit (PostgreSQL 57P01 while it shuts down), so the database rolled it back
                    return "XAException " + xa.errorCode + " " + xa.getMessage();
                }
                if (t instanceof SQLException sql) {
                    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                    if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                            || sql instanceof SQLNonTransientConnectionException || state.startsWith("08")
                            || state.startsWith("57P") || state.equals("57014") || state.equals("40P01")
                            || state.equals("40001") || state.startsWith("53")) {
                        return state + " " + sql.getMessage();
                    }
                }
            }
            return null;
        }
    }
}
