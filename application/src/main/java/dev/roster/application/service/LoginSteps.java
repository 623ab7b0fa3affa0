package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.application.port.in.LoginUseCase.LoginResult;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.SessionRepository.Session;
import dev.roster.application.port.out.Telemetry;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.common.TokenHash;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.membership.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
    private PasswordHasher hasher;
    private TokenGenerator tokens;
    private Clock clock;
    private RosterSettings settings;
    private AuditTrail auditor;
    private Telemetry telemetry;
    private OutboxRepository outbox;

    protected LoginSteps() {
    }

    @Inject
    public LoginSteps(IdentityRepository identities, MembershipRepository memberships, SessionRepository sessions,
                      PasswordHasher hasher, TokenGenerator tokens, Clock clock, RosterSettings settings, AuditTrail auditor,
                      Telemetry telemetry, OutboxRepository outbox) {
        this.identities = identities;
        this.memberships = memberships;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
        this.auditor = auditor;
        this.telemetry = telemetry;
        this.outbox = outbox;
    }

    /** Takes an attempt slot (see {@link IdentityRepository#reserveLoginAttempt}); 0 means locked. */
    public int reserve(Identity identity) {
        return identities.reserveLoginAttempt(identity.id(), clock.instant(), settings.maxFailures());
    }

    /** The password was right: the run of failures ends. */
    public void cleared(Identity identity) {
        identities.clearLoginFailures(identity.id());
    }

    /** The password was wrong: audited; the failure that takes the last slot locks the identity. */
    public void wrongPassword(Identity identity, int slot, String via) {
        record(identity, new IdentityEvent.LoginFailed("wrong_password", via));
        if (slot >= settings.maxFailures()) {
            Instant until = clock.instant().plus(identity.nextLockout(settings.lockout()));
            identities.lock(identity.id(), until);
            record(identity, new IdentityEvent.Locked(until, via));
            telemetry.lockedOut();
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
     * Opens a session after a correct password, if the identity has an ACTIVE membership; re-hashes a
     * password stored with other parameters.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = LoginFailedException.class)
    public LoginResult openSession(Identity identity, String password) {
        Instant now = clock.instant();
        List<Membership> all = memberships.findAllOfIdentity(identity.id());
        if (all.stream().noneMatch(Membership::active)) {
            auditor.record(identity, all, new IdentityEvent.LoginFailed("not_active", null));
            telemetry.loginFailed();
            throw new LoginFailedException();
        }
        if (hasher.needsRehash(identity.passwordHash())) {
            identity.setPasswordHash(hasher.hash(password));
            identities.update(identity);
        }
        identities.recordActivity(identity.id(), now);
        auditor.record(identity, all.stream().filter(Membership::active).toList(), new IdentityEvent.LoggedIn());
        String token = tokens.newToken();
        Instant expiresAt = now.plus(settings.absoluteTimeout());
        sessions.add(new Session(TokenHash.of(token), identity.id(), now, now, expiresAt));
        telemetry.loginSucceeded();
        return new LoginResult(token, expiresAt);
    }

    private void record(Identity identity, IdentityEvent event) {
        auditor.record(identity, memberships.findAllOfIdentity(identity.id()), event);
    }

    /**
     * Stores a new password hash; every session of the identity but {@code keepSession} (a token hash,
     * or null) ends, and so does any lockout and any live reset link; a notice is mailed. Audited
     * without any detail: never a hash.
     */
    public void passwordChanged(Identity identity, String newHash, String keepSession) {
        applyPassword(identity, newHash, keepSession);
    }

    /** Uses a reset link up and sets the new password; false when another request used it first. */
    public boolean passwordReset(Identity identity, String resetTokenHash, String newHash) {
        if (!identities.consumeResetToken(identity.id(), resetTokenHash)) {
            return false;
        }
        applyPassword(identity, newHash, null);
        return true;
    }

    private void applyPassword(Identity identity, String newHash, String keepSession) {
        identity.setPasswordHash(newHash);
        identities.update(identity);
        identities.clearLoginFailures(identity.id());
        if (keepSession == null) {
            sessions.deleteAllOf(identity.id());
        } else {
            sessions.deleteAllOfExcept(identity.id(), keepSession);
        }
        // Any reset link dies with the old password, and the mailbox hears of every change (F24).
        identities.clearResetToken(identity.id());
        outbox.enqueue(OutboxRepository.MailKind.PASSWORD_CHANGED, identity.id().value(), null, null, clock.instant());
        record(identity, new IdentityEvent.PasswordChanged());
    }
}
