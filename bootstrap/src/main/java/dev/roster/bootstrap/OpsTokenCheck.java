package dev.roster.bootstrap;

import dev.roster.adapters.rest.security.BearerAuthFilter;
import dev.roster.adapters.rest.security.Throttle;
import dev.roster.adapters.rest.security.ThrottleSettings;
import dev.roster.adapters.rest.security.Throttled.Kind;
import dev.roster.application.port.out.RateLimiter.Decision;
import dev.roster.domain.common.TokenHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator token check of every operator surface ({@code /api/v1/ops/*}; {@code /metrics} and the
 * health details wherever they ask for the token), throttled per source: each presented token counts
 * against {@code roster.throttle.ops-token.*} before it is compared (in constant time), and the right
 * token is given back, so only wrong ones use up the budget. Past it the answer is 429 whatever the
 * token, so guessing gets no answer at all. When the rate limiter's store fails, the check goes on
 * unthrottled (logged): the operator surface must stay readable while the database is down.
 */
@ApplicationScoped
public class OpsTokenCheck {
    private static final Logger LOG = Logger.getLogger(OpsTokenCheck.class.getName());

    @Inject
    RosterConfig configuration;

    @Inject
    Throttle throttle;

    @Inject
    ThrottleSettings settings;

    /** Not configured (the surface does not exist), accepted, wrong, or throttled until {@code retryAfter}. */
    public enum Outcome { NOT_CONFIGURED, ACCEPTED, WRONG, THROTTLED }

    public record Verdict(Outcome outcome, Duration retryAfter) {
    }

    /** The client address of a request outside JAX-RS (a servlet filter): see {@code TrustedProxies}. */
    public String clientAddress(String peer, List<String> forwardedFor) {
        return settings.trustedProxies().clientAddress(peer, forwardedFor);
    }

    /** Checks an {@code Authorization} header from {@code clientAddress} against {@code roster.ops.token}. */
    public Verdict check(String authorization, String clientAddress) {
        if (configuration.opsToken.isEmpty()) {
            return new Verdict(Outcome.NOT_CONFIGURED, Duration.ZERO);
        }
        boolean counted = false;
        try {
            Decision d = throttle.attempt(Kind.OPS_TOKEN, clientAddress);
            if (!d.allowed()) {
                return new Verdict(Outcome.THROTTLED, d.retryAfter());
            }
            counted = true;
        } catch (RuntimeException storeDown) {
            LOG.log(Level.WARNING, "Operator token checked without the throttle: {0}", storeDown.toString());
        }
        String presented = Objects.requireNonNullElse(BearerAuthFilter.bearer(authorization), "");
        if (!TokenHash.sameSecret(TokenHash.of(presented), TokenHash.of(configuration.opsToken.get()))) {
            return new Verdict(Outcome.WRONG, Duration.ZERO);
        }
        if (counted) {
            try {
                throttle.refund(Kind.OPS_TOKEN, clientAddress);
            } catch (RuntimeException storeDown) {
                LOG.log(Level.WARNING, "Operator token attempt not given back: {0}", storeDown.toString());
            }
        }
        return new Verdict(Outcome.ACCEPTED, Duration.ZERO);
    }
}
