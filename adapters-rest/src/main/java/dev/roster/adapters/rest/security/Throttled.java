package dev.roster.adapters.rest.security;

import dev.roster.application.port.out.RateLimiter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose calls are counted per source (client address) before anything else
 * runs: no session lookup, no body, no hash. Past the limit of its {@link Kind}, or past the source's
 * budget over all kinds, the answer is 429 {@code too-many-requests} with {@code Retry-After}
 * ({@link ThrottleFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Throttled {
    Kind value();

    /**
     * The use case charges the source's buckets of this kind itself, with its own in one statement
     * (the password login, ADR 0074: the same keys, limits and 429 answer); the filter leaves it alone.
     */
    boolean chargedByUseCase() default false;

    /** Count only calls without an {@code Authorization} header (anonymous sign-up, not a caller's new account). */
    boolean anonymousOnly() default false;

    /** What is counted; each kind has its own limit ({@code roster.throttle.<key>.*}). */
    enum Kind {
        LOGIN(RateLimiter.LOGIN_KIND),
        SIGNUP("signup"),
        PASSWORD_RESET("password-reset"),
        INVITATION("invitation"),
        UNLOCK("unlock"),
        /** Wrong operator tokens only: a right one is given back. */
        OPS_TOKEN("ops-token");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The kind's name in configuration keys and bucket keys. */
        public String key() {
            return key;
        }
    }
}
