package dev.roster.adapters.rest.problem;

/**
 * A refusal that exists only in HTTP (no session, no If-Match, a body that is not JSON): thrown by the
 * REST adapter itself and mapped by {@link ProblemTypes} like the domain's and the use cases' refusals.
 */
public class RestProblem extends RuntimeException {
    protected RestProblem(String detail) {
        super(detail, null, false, false);
    }

    /** No valid session was sent. */
    public static final class Unauthenticated extends RestProblem {
        public Unauthenticated(String detail) {
            super(detail);
        }
    }

    /** A change that needs If-Match was sent without it. */
    public static final class PreconditionRequired extends RestProblem {
        public PreconditionRequired(String detail) {
            super(detail);
        }
    }

    /** The body is not JSON in UTF-8. */
    public static final class UnsupportedMediaType extends RestProblem {
        public UnsupportedMediaType(String detail) {
            super(detail);
        }
    }
}
