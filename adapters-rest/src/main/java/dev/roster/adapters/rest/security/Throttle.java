package dev.roster.adapters.rest.security;

import dev.roster.adapters.rest.problem.Problems;
import dev.roster.adapters.rest.problem.ProblemTypes;
import dev.roster.adapters.rest.security.Throttled.Kind;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RateLimiter.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Counts an attempt of one kind from one source against the kind's limit and against the source's
 * budget over every kind ({@link ThrottleSettings}), in the shared {@link RateLimiter}. The source of
 * an IPv4 client is its address; of an IPv6 client its /64 network (one subscriber's prefix), so that
 * hopping through the addresses of one's own network gains nothing. Never keyed on the identity: one
 * source guessing a password spends only its own budget (the identity's lockout is separate).
 */
@ApplicationScoped
public class Throttle {
    @Inject
    RateLimiter limiter;

    @Inject
    ThrottleSettings settings;

    public Throttle() {
    }

    Throttle(RateLimiter limiter, ThrottleSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    /** Counts one attempt of {@code kind} from {@code clientAddress}: allowed, or refused until Retry-After. */
    public Decision attempt(Kind kind, String clientAddress) {
        String source = source(clientAddress);
        Decision own = limiter.tryConsume(RateLimiter.perKind(kind.key(), source), settings.limit(kind));
        if (!own.allowed()) {
            return own;
        }
        return limiter.tryConsume(RateLimiter.perSource(source), settings.perSource());
    }

    /** Gives back the attempt just counted (it turned out not to count: the right operator token). */
    public void refund(Kind kind, String clientAddress) {
        String source = source(clientAddress);
        limiter.refund(RateLimiter.perKind(kind.key(), source), settings.limit(kind));
        limiter.refund(RateLimiter.perSource(source), settings.perSource());
    }

    /** 429 {@code too-many-requests} with {@code Retry-After}, the refusal of a throttled attempt. */
    public static Response refusal(Decision decision) {
        TooManyRequestsException e = new TooManyRequestsException(
                "Too many attempts from your address. Try again after the time in Retry-After.", decision.retryAfter());
        return Problems.of(e, ProblemTypes.of(TooManyRequestsException.class).orElseThrow());
    }

    /** The bucket key of a client address: IPv4 as is, IPv6 by its /64, anything else as given. */
    static String source(String clientAddress) {
        InetAddress a = TrustedProxies.literal(clientAddress);
        if (a == null) {
            return clientAddress == null ? "unknown" : clientAddress;
        }
        if (a instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(a.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return a.getHostAddress();
    }
}
