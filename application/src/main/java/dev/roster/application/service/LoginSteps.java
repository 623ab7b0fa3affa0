package dev.roster.application.service;

import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.LoginSettings;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.RateLimiter;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.Telemetry;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transactional steps around a password check, each committed on its own so that no transaction
 * (and no database connection) is held while Argon2id runs, and so that the attempt slot taken
 * before the check is visible at once to every concurrent request on every instance.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LoginSteps {
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private SessionRepository sessions;
    private OutboxRepository outbox;
    private TokenGenerator tokens;
    private Clock clock;
    private LoginSettings settings;
    private AuditTrail auditor;
    private Telemetry telemetry;
    private LoginThrottleSettings throttle;
    private LinkRepository links;

    protected LoginSteps() {
    }

    @Inject
    public LoginSteps(IdentityRepository identities, MembershipRepository memberships, SessionRepository sessions,
                      OutboxRepository outbox, TokenGenerator tokens, Clock clock, LoginSettings settings, AuditTrail auditor,
                      Telemetry telemetry, LoginThrottleSettings throttle, LinkRepository links) {
        this.identities = identities;
        this.memberships = memberships;
        this.sessions = sessions;
        this.outbox = outbox;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
        this.auditor = auditor;
        this.telemetry = telemetry;
        this.throttle = throttle;
        this.links = links;
    }

    /**
     * The first step of a login, {@code work}, in one transaction committed before any hash (ADR 0074):
     * the charge on the source's buckets and on its budget for the identity (ADR 0042), which the rate
     * limiter makes on this transaction's connection where it stores its buckets in the database (ADR
     * 0070), and, only when they granted, the identity's read and its attempt slot through {@code slots}
     * (ADR 0030), one statement where the store can.
     */
    public <T> T admit(Function<Slots, T> work) {
        return work.apply(email -> identities.reserveLoginAttempt(email, clock.instant(), settings.maxFailures(),
                settings.lockout(), throttle.failureWindow()));
    }

    /** Reads the identity a login names and takes its attempt slot ({@link IdentityRepository#reserveLoginAttempt(EmailAddress, Instant, int, java.time.Duration, java.time.Duration)}). */
    @FunctionalInterface
    public interface Slots {
        Optional<IdentityRepository.LoginAttempt> take(EmailAddress email);
    }

    /**
     * Takes an attempt slot (see {@link IdentityRepository#reserveLoginAttempt}); 0 means locked. Every
     * slot taken without a recorded lock heals one lockout period after the last attempt (ADR 0030), and
     * a run of failures stops counting one failure window after it began (ADR 0042).
     */
    public int reserve(Identity identity) {
        return identities.reserveLoginAttempt(identity.id(), clock.instant(), settings.maxFailures(), settings.lockout(),
                throttle.failureWindow());
    }

    /** Gives back the slot of an attempt that ended without a verdict (a failure, not a wrong password). */
    public void release(Identity identity) {
        identities.releaseLoginAttempt(identity.id());
    }

    /** The password was right: the run of failures ends. */
    public void cleared(Identity identity) {
        identities.clearLoginFailures(identity.id());
    }

    /**
     * The wrong password that took the last slot: the identity is locked, and a notice with an unlock
     * link is queued for its address (at most one per link lifetime, unless the link was used; the live
     * link ends any lock). The unlock link is issued here, under the row lock {@code lock} took, and
     * mailed by the relay (ADR 0065). Its own transaction, before any audit, so that no audit failure
     * can skip the lock. Returns its end.
     */
    public Instant lockOut(Identity identity) {
        Instant now = clock.instant();
        Instant until = now.plus(identity.nextLockout(settings.lockout()));
        identities.lock(identity.id(), until);
        if (Links.request(links, LinkPurpose.UNLOCK, identity.id().value(), now, settings.passwordResetTtl(),
                settings.passwordResetTtl()).isPresent()) {
            outbox.enqueue(MailKind.ACCOUNT_LOCKED, identity.id().value(), null, null, now);
        }
        telemetry.lockedOut();
        return until;
    }

    /** The password was wrong: audited, and so is the lock it caused ({@code lockedUntil}, or null). */
    public void wrongPassword(Identity identity, Instant lockedUntil, String via) {
        record(identity, new IdentityEvent.LoginFailed("wrong_password", via));
        if (lockedUntil != null) {
            record(identity, new IdentityEvent.Locked(lockedUntil, via));
        }
    }

    /** A check refused without looking at the identity's password (locked, no password yet). */
    public void refused(Identity identity, String why, String via) {
        record(identity, new IdentityEvent.LoginFailed(why, via));
    }

    /** A login for an email that has no identity. */
    public void unknownEmail(String attempted) {
        String email = attempted == null ? "" : attempted.strip();
        auditor.recordSystem(new IdentityEvent.UnknownEmailLoginFailed(email));
    }

    /**
     * Opens a session after a correct password: refused if the password changed since it was checked
     * against {@code checkedHash} (a reset or change won the race: it is final), if the identity got
     * locked meanwhile, or without an ACTIVE membership. A password stored with other parameters is
     * replaced by {@code rehash} (made from the same password) only where it is still the one checked,
     * so a re-hash never writes an old password back. The identity is not read again: one conditional
     * UPDATE checks the hash and the lock, clears the failures, records the activity and holds the row
     * ({@link IdentityRepository#loggedIn(dev.roster.domain.identity.IdentityId, String, String, Instant)});
     * only when it refuses is the row read, to tell why. The memberships are read with that UPDATE, which
     * writes only where one of them is active ({@link IdentityRepository#loggedInMember}).
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = LoginFailedException.class)
    public LoginResult openSession(Identity read, String checkedHash, String rehash) {
        return open(read, checkedHash, rehash, null, null);
    }

    /**
     * As {@link #openSession(Identity, String, String)}, and a token of {@code giveBack} goes back to
     * {@code limiter} first, in the statement that writes the login where the store can ({@link
     * IdentityRepository#loggedInMember}: the budget's row is locked before the identity's, in the order
     * the admission locks them, so that two logins never wait for each other); after a refusal it is
     * taken again.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = LoginFailedException.class)
    public LoginResult openSession(Identity read, String checkedHash, String rehash, RateLimiter limiter,
                                   RateLimiter.Charge giveBack) {
        try {
            return open(read, checkedHash, rehash, limiter, giveBack);
        } catch (LoginFailedException refused) {
            limiter.tryConsume(giveBack.key(), giveBack.limit());
            throw refused;
        }
    }

    private LoginResult open(Identity read, String checkedHash, String rehash, RateLimiter limiter, RateLimiter.Charge giveBack) {
        Instant now = clock.instant();
        String newHash = rehash == null ? checkedHash : rehash;
        // one statement where the store can (ADR 0074): the conditional write, and the memberships with it
        List<Membership> active = identities.loggedInMember(read.id(), checkedHash, newHash, now, memberships, limiter, giveBack)
                .map(all -> all.stream().filter(Membership::active).toList()).orElse(null);
        if (active == null) { // refused: read again, to tell why
            List<Membership> all = memberships.findAllOfIdentity(read.id());
            active = all.stream().filter(Membership::active).toList();
            if (active.isEmpty()) {
                Identity identity = held(read, checkedHash, now);
                identities.clearLoginFailures(identity.id()); // the password was right: the run of failures ends all the same
                auditor.record(identity, all, new IdentityEvent.LoginFailed("not_active", null));
                throw loginFailed();
            }
            if (!identities.loggedIn(read.id(), checkedHash, newHash, now)) {
                held(read, checkedHash, now);
                throw loginFailed(); // neither changed nor locked when read again: the identity is gone
            }
        }
        auditor.record(read, active, new IdentityEvent.LoggedIn());
        String token = tokens.newToken();
        Instant expiresAt = now.plus(settings.absoluteTimeout());
        sessions.add(new Session(TokenHash.of(token), read.id(), now, now, expiresAt));
        telemetry.loginSucceeded();
        return new LoginResult(token, expiresAt);
    }

    /** The identity's row, held: refused (and audited) if its password is no longer {@code checkedHash} or it is locked. */
    private Identity held(Identity read, String checkedHash, Instant now) {
        Identity identity = identities.findForUpdate(read.id()).orElseThrow(this::loginFailed);
        if (!checkedHash.equals(identity.passwordHash())) {
            refuse(identity, "password_changed");
        }
        if (identity.isLocked(now)) {
            refuse(identity, "locked");
        }
        return identity;
    }

    private void refuse(Identity identity, String why) {
        record(identity, new IdentityEvent.LoginFailed(why, null));
        throw loginFailed();
    }

    private LoginFailedException loginFailed() {
        telemetry.loginFailed();
        return new LoginFailedException();
    }

    private void record(Identity identity, IdentityEvent event) {
        auditor.record(identity, memberships.findAllOfIdentity(identity.id()), event);
    }

    /**
     * Stores a new password hash in place of {@code checkedHash}, the one the current password was just
     * checked against; false, and nothing changes, when a reset or another change replaced it meanwhile
     * (that one is final). Every session of the identity but {@code keepSession} (a token hash, or null)
     * ends, and so does any lockout and any live reset link; a notice is mailed. Audited without any detail: never a hash.
     */
    public boolean passwordChanged(Identity identity, String checkedHash, String newHash, String keepSession) {
        if (!identities.replacePasswordHash(identity.id(), checkedHash, newHash)) {
            return false;
        }
        afterPasswordChange(identity, keepSession);
        return true;
    }

    /** Uses a reset link up and sets the new password, whatever it was; false when another request used the link first. */
    public boolean passwordReset(Identity identity, String resetTokenHash, String newHash) {
        if (Links.use(links, LinkPurpose.PASSWORD_RESET, resetTokenHash, clock.instant())
                .filter(l -> l.subject().equals(identity.id().value())).isEmpty()) {
            return false;
        }
        Identity stored = identities.findForUpdate(identity.id()).orElse(null);
        if (stored == null) {
            return false;
        }
        stored.setPasswordHash(newHash);
        identities.update(stored);
        afterPasswordChange(stored, null);
        return true;
    }

    private void afterPasswordChange(Identity identity, String keepSession) {
        identities.clearLoginFailures(identity.id());
        if (keepSession == null) {
            sessions.deleteAllOf(identity.id());
        } else {
            sessions.deleteAllOfExcept(identity.id(), keepSession);
        }
        // Any reset link dies with the old password, and the mailbox hears of every change (F24).
        Links.revokeOpen(links, LinkPurpose.PASSWORD_RESET, identity.id().value(), clock.instant());
        outbox.enqueue(OutboxRepository.MailKind.PASSWORD_CHANGED, identity.id().value(), null, null, clock.instant());
        record(identity, new IdentityEvent.PasswordChanged());
    }
}
