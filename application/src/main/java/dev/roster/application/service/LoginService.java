package dev.roster.application.service;

import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RequestContext;
import dev.roster.application.port.out.Telemetry;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Service for logging in with email and password. Every failure is the one generic answer, and costs
 * one Argon2id verification whatever the reason (unknown email, wrong password, locked, not active).
 *
 * <p>Before any hash, the attempt is counted against the budget of its source for its identity
 * ({@code roster.throttle.login-per-identity.*}, docs/adr/0042): one source guessing at one owner spends
 * only that budget, which is too small to reach the identity's lock within its failure window, so it
 * cannot keep the owner out from elsewhere; the identity-wide lock still stops guessing spread over
 * many sources. Every budget is keyed by the canonical address the login names, known or unknown
 * (ADR 0074: the key is known before the identity is read, so the charge comes first), so the refusal
 * tells nothing about which emails exist. A right password gives its token back.
 */
@ApplicationScoped
public class LoginService implements LoginUseCase {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());
    static final String BUDGET = "login-fail";

    private PasswordChecks checks;
    private LoginSteps steps;
    private Telemetry telemetry;
    private RateLimiter limiter;
    private RequestContext request;
    private LoginThrottleSettings throttle;

    protected LoginService() {
    }

    @Inject
    public LoginService(PasswordChecks checks, LoginSteps steps, Telemetry telemetry,
                        RateLimiter limiter, RequestContext request, LoginThrottleSettings throttle) {
        this.checks = checks;
        this.steps = steps;
        this.telemetry = telemetry;
        this.limiter = limiter;
        this.request = request;
        this.throttle = throttle;
    }

    private LoginFailedException failed() {
        telemetry.loginFailed();
        return new LoginFailedException();
    }

    /**
     * Not transactional: the steps commit on their own, and no transaction is held while hashing. The
     * hashing place is taken first (busy: refused before anything is counted); then one transaction
     * (ADR 0074) charges the source's buckets and its budget for the email in one statement and, when they
     * grant, reads the identity and takes its attempt slot (ADR 0030); it commits before the hash. The
     * budget is given back in the transaction that opens the session (ADR 0070), or on its own when no
     * verdict was reached (the hasher or the database failed).
     */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public LoginResult login(LoginCommand c) {
        Optional<EmailAddress> email = parseEmail(c.email());
        String key = budgetKey(email, c.email());
        PasswordHasher.Permit permit = checks.permit();
        boolean handedOver = false; // the permit is closed by whoever checks the password through it
        try {
            Admission admission = steps.admit(slots -> {
                RateLimiter.Decision d = limiter.tryConsumeAll(charges(key));
                if (!d.allowed()) { // no identity read, no slot, no hash
                    return new Admission(Optional.empty(), d);
                }
                return new Admission(email.flatMap(slots::take), d);
            });
            RateLimiter.Decision d = admission.decision();
            if (!d.allowed()) {
                throw new TooManyRequestsException(
                        "Too many attempts from your address. Try again after the time in Retry-After.", d.retryAfter());
            }
            boolean giveBack = true; // a right password, or no verdict at all (the hasher or the database failed)
            try {
                if (admission.attempt().isEmpty()) {
                    handedOver = true;
                    checks.burn(permit, c.password());
                    giveBack = false;
                    steps.unknownEmail(c.email());
                    throw failed();
                }
                Identity identity = admission.attempt().get().identity();
                int slot = admission.attempt().get().slot();
                handedOver = true;
                Optional<LoginResult> result = checks.login(permit, identity, slot, c.password(),
                        v -> steps.openSession(identity, v.checkedHash(), v.rehash(), limiter,
                                new RateLimiter.Charge(key, throttle.perSourceAndIdentity())));
                giveBack = false; // a session: given back in its transaction; none: a wrong password counts
                if (result.isEmpty()) {
                    throw failed();
                }
                return result.get();
            } catch (UseCaseException verdict) {
                giveBack = false; // refused after a check (locked, not active, changed meanwhile): it counts
                throw verdict;
            } finally {
                if (giveBack) {
                    refund(key);
                }
            }
        } finally {
            if (!handedOver) {
                permit.close();
            }
        }
    }

    /** The admission's answer: the identity the email names and its slot (when the buckets granted), and the buckets' answer. */
    private record Admission(Optional<IdentityRepository.LoginAttempt> attempt, RateLimiter.Decision decision) {
    }

    /**
     * The buckets a login charges, in this order: the source's {@code login} and {@code source} buckets
     * (when this service charges them: the keys the REST throttle uses, {@code Throttle}), then the budget.
     */
    private List<RateLimiter.Charge> charges(String budgetKey) {
        RateLimiter.Charge budget = new RateLimiter.Charge(budgetKey, throttle.perSourceAndIdentity());
        if (throttle.perSourceLogin() == null) {
            return List.of(budget);
        }
        String source = source();
        return List.of(new RateLimiter.Charge(RateLimiter.perKind(RateLimiter.LOGIN_KIND, source), throttle.perSourceLogin()),
                new RateLimiter.Charge(RateLimiter.perSource(source), throttle.perSource()), budget);
    }

    /** {@code login-fail|<source>|<canonical email>}, or any text, lower case, when it is no email: known or not, the same key. */
    private String budgetKey(Optional<EmailAddress> email, String raw) {
        String who = email.map(EmailAddress::value).orElseGet(() -> raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT));
        return BUDGET + "|" + source() + "|" + who;
    }

    private String source() {
        String source = request.source();
        return source == null ? "unknown" : source;
    }

    private void refund(String key) {
        try {
            limiter.refund(key, throttle.perSourceAndIdentity());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Login budget not given back ({0}); it refills with time", e.getClass().getSimpleName());
        }
    }

    private static Optional<EmailAddress> parseEmail(String raw) {
        try {
            return Optional.of(new EmailAddress(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
