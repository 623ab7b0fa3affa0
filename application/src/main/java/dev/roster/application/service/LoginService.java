package dev.roster.application.service;

import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.RequestContext;
import dev.roster.application.port.out.Telemetry;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
 * many sources. An unknown email has a budget by its canonical address, exactly like a known one, so
 * the refusal tells nothing about which emails exist. A right password gives its token back.
 */
@ApplicationScoped
public class LoginService implements LoginUseCase {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());
    static final String BUDGET = "login-fail";

    private IdentityRepository identities;
    private PasswordChecks checks;
    private LoginSteps steps;
    private Telemetry telemetry;
    private RateLimiter limiter;
    private RequestContext request;
    private LoginThrottleSettings throttle;

    protected LoginService() {
    }

    @Inject
    public LoginService(IdentityRepository identities, PasswordChecks checks, LoginSteps steps, Telemetry telemetry,
                        RateLimiter limiter, RequestContext request, LoginThrottleSettings throttle) {
        this.identities = identities;
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
     * identity's read and the budget's charge are one transaction; the slot is its own (ADR 0030); the
     * budget is given back in the transaction that opens the session (ADR 0070).
     */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public LoginResult login(LoginCommand c) {
        Optional<EmailAddress> email = parseEmail(c.email());
        Admission admission = steps.admit(() -> {
            Optional<Identity> read = email.flatMap(identities::findByEmail);
            String k = budgetKey(read, email, c.email());
            return new Admission(read, k, limiter.tryConsume(k, throttle.perSourceAndIdentity()));
        });
        Optional<Identity> found = admission.identity();
        String key = admission.key();
        RateLimiter.Decision d = admission.decision();
        if (!d.allowed()) { // no identity slot, no hash
            throw new TooManyRequestsException(
                    "Too many attempts from your address. Try again after the time in Retry-After.", d.retryAfter());
        }
        boolean giveBack = true; // a right password, or no verdict at all (the hasher was busy or failed)
        try {
            if (found.isEmpty()) {
                checks.burn(c.password());
                giveBack = false;
                steps.unknownEmail(c.email());
                throw failed();
            }
            Identity identity = found.get();
            Optional<LoginResult> result = checks.login(identity, c.password(),
                    v -> steps.openSession(identity, v.checkedHash(), v.rehash(),
                            () -> limiter.refund(key, throttle.perSourceAndIdentity())));
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
    }

    /** The identity read for a login, the key of its budget, and the budget's answer. */
    private record Admission(Optional<Identity> identity, String key, RateLimiter.Decision decision) {
    }

    /** {@code login-fail|<source>|<identity id>}, or the canonical email (any text, lower case) of an unknown one. */
    private String budgetKey(Optional<Identity> found, Optional<EmailAddress> email, String raw) {
        String source = request.source();
        String who = found.map(i -> i.id().value().toString())
                .orElseGet(() -> email.map(EmailAddress::value)
                        .orElseGet(() -> raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT)));
        return BUDGET + "|" + (source == null ? "unknown" : source) + "|" + who;
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
