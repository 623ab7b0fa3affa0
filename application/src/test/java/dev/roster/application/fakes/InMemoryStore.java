package dev.roster.application.fakes;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.Exceptions.MemberExistsException;
import dev.roster.domain.common.Exceptions.StaleVersionException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.identity.PendingSignup;
import dev.roster.domain.membership.Membership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** In-memory fakes of every repository port, sharing one store; the persistence contract tests keep them honest. */
public final class InMemoryStore {
    public final Map<AccountId, Account> accountRows = new LinkedHashMap<>();
    public final Map<IdentityId, Identity> identityRows = new LinkedHashMap<>();
    public final Map<MemberId, Membership> memberRows = new LinkedHashMap<>();
    public final Map<String, SessionRepository.Session> sessionRows = new LinkedHashMap<>();
    public final Map<String, OutboxRow> outboxRows = new LinkedHashMap<>();
    public final List<AuditEvent> auditRows = new ArrayList<>();

    /** A stored outbox row. */
    public static final class OutboxRow {
        public String id;
        public OutboxRepository.MailKind kind;
        public String subject;
        public AccountId account;
        public String inviterName;
        public String status;
        public int attempts;
        public Instant nextAttemptAt;
        public Instant claimedUntil;
        public Instant createdAt;
        public String lastError;
    }

    public final AccountRepository accounts = new AccountRepository() {
        @Override
        public void add(Account a) {
            accountRows.put(a.id(), a);
        }

        @Override
        public Optional<Account> find(AccountId id) {
            return Optional.ofNullable(accountRows.get(id));
        }
    };

    public final IdentityRepository identities = new IdentityRepository() {
        @Override
        public void add(Identity i) {
            if (findByEmail(i.email()).isPresent()) {
                throw new MemberExistsException();
            }
            identityRows.put(i.id(), copy(i, i.version()));
        }

        @Override
        public Optional<Identity> find(IdentityId id) {
            return Optional.ofNullable(identityRows.get(id)).map(i -> copy(i, i.version()));
        }

        @Override
        public Optional<Identity> findByEmail(EmailAddress email) {
            return identityRows.values().stream().filter(i -> i.email().equals(email)).findFirst().map(i -> copy(i, i.version()));
        }

        @Override
        public synchronized void update(Identity i) {
            Identity stored = identityRows.get(i.id());
            if (stored != null) {
                identityRows.put(i.id(), Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), stored.failedLogins(),
                        stored.lockCount(), stored.lockedUntil(), stored.createdAt(), stored.version() + 1));
            }
        }

        @Override
        public void delete(IdentityId id) {
            identityRows.remove(id);
            resetRows.remove(id);
        }

        @Override
        public synchronized int reserveLoginAttempt(IdentityId id, Instant now, int maxFailures) {
            Identity i = identityRows.get(id);
            if (i == null || i.isLocked(now) || i.failedLogins() >= maxFailures) {
                return 0;
            }
            identityRows.put(id, counters(i, i.failedLogins() + 1, i.lockCount(), i.lockedUntil()));
            return i.failedLogins() + 1;
        }

        @Override
        public synchronized void clearLoginFailures(IdentityId id) {
            Identity i = identityRows.get(id);
            if (i != null) {
                identityRows.put(id, counters(i, 0, 0, null));
            }
        }

        @Override
        public synchronized void lock(IdentityId id, Instant until) {
            Identity i = identityRows.get(id);
            if (i != null) {
                identityRows.put(id, counters(i, 0, i.lockCount() + 1, until));
            }
        }

        @Override
        public synchronized boolean requestPasswordReset(IdentityId id, Instant now, Duration cooldown) {
            ResetRow r = resetRows.computeIfAbsent(id, k -> new ResetRow());
            if (r.requestedAt != null && r.requestedAt.plus(cooldown).isAfter(now)) {
                return false;
            }
            r.requestedAt = now;
            r.tokenHash = null;
            return true;
        }

        @Override
        public synchronized void issueResetToken(IdentityId id, String tokenHash, Instant expiresAt) {
            ResetRow r = resetRows.computeIfAbsent(id, k -> new ResetRow());
            r.tokenHash = tokenHash;
            r.expiresAt = expiresAt;
        }

        @Override
        public synchronized Optional<Identity> findByResetToken(String tokenHash, Instant now) {
            return resetRows.entrySet().stream()
                    .filter(e -> tokenHash.equals(e.getValue().tokenHash) && now.isBefore(e.getValue().expiresAt))
                    .findFirst().flatMap(e -> find(e.getKey()));
        }

        @Override
        public synchronized boolean consumeResetToken(IdentityId id, String tokenHash) {
            ResetRow r = resetRows.get(id);
            if (r == null || !tokenHash.equals(r.tokenHash)) {
                return false;
            }
            r.tokenHash = null;
            return true;
        }
    };

    /** The password-reset state of an identity. */
    private static final class ResetRow {
        String tokenHash;
        Instant expiresAt;
        Instant requestedAt;
    }

    private final Map<IdentityId, ResetRow> resetRows = new LinkedHashMap<>();

    private static Identity counters(Identity i, int failed, int locks, Instant lockedUntil) {
        return Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), failed, locks, lockedUntil, i.createdAt(),
                i.version());
    }

    public final Map<String, PendingSignup> signupRows = new LinkedHashMap<>();
    private final Map<String, String> signupTokens = new LinkedHashMap<>();

    public final PendingSignupRepository signups = new PendingSignupRepository() {
        @Override
        public synchronized void replace(PendingSignup p) {
            signupRows.values().removeIf(x -> x.email().equals(p.email()));
            signupRows.put(p.id(), p);
        }

        @Override
        public Optional<PendingSignup> find(String id) {
            return Optional.ofNullable(signupRows.get(id));
        }

        @Override
        public synchronized void issueToken(String id, String tokenHash, Instant expiresAt) {
            PendingSignup p = signupRows.get(id);
            if (p != null) {
                signupRows.put(id, new PendingSignup(p.id(), p.email(), p.name(), p.accountName(), p.passwordHash(),
                        p.createdAt(), expiresAt));
                signupTokens.put(id, tokenHash);
            }
        }

        @Override
        public synchronized Optional<PendingSignup> findByToken(String tokenHash, Instant now) {
            return signupTokens.entrySet().stream().filter(e -> e.getValue().equals(tokenHash))
                    .map(e -> signupRows.get(e.getKey())).filter(p -> p != null && !p.expired(now)).findFirst();
        }

        @Override
        public synchronized boolean consume(String id) {
            PendingSignup p = signupRows.remove(id);
            if (p == null) {
                return false;
            }
            signupRows.values().removeIf(x -> x.email().equals(p.email()));
            signupTokens.keySet().retainAll(signupRows.keySet());
            return true;
        }

        @Override
        public synchronized int purgeExpired(Instant now) {
            int before = signupRows.size();
            signupRows.values().removeIf(p -> p.expired(now));
            signupTokens.keySet().retainAll(signupRows.keySet());
            return before - signupRows.size();
        }
    };

    private static Identity copy(Identity i, long version) {
        return Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), i.failedLogins(), i.lockCount(),
                i.lockedUntil(), i.createdAt(), version);
    }

    private static Membership copy(Membership m, long version, MemberStatus status, Invitation inv, Instant lastActive) {
        return Membership.reload(m.id(), m.accountId(), m.userId(), m.email(), m.name(), status, m.roles(), m.owner(),
                lastActive, m.authMethod(), m.createdAt(), inv, version);
    }

    private static Membership copy(Membership m) {
        return copy(m, m.version(), m.status(), m.invitation(), m.lastActiveAt());
    }

    public final MembershipRepository memberships = new MembershipRepository() {
        @Override
        public void add(Membership m) {
            if (memberRows.values().stream().anyMatch(x -> x.accountId().equals(m.accountId()) && x.email().equals(m.email()))) {
                throw new MemberExistsException();
            }
            memberRows.put(m.id(), copy(m));
        }

        @Override
        public Optional<Membership> find(AccountId account, MemberId id) {
            return Optional.ofNullable(memberRows.get(id)).filter(m -> m.accountId().equals(account)).map(InMemoryStore::copy);
        }

        @Override
        public Optional<Membership> findByUser(AccountId account, IdentityId user) {
            return memberRows.values().stream().filter(m -> m.accountId().equals(account) && m.userId().equals(user))
                    .findFirst().map(InMemoryStore::copy);
        }

        @Override
        public List<Membership> findAllOfUser(IdentityId user) {
            return memberRows.values().stream().filter(m -> m.userId().equals(user)).map(InMemoryStore::copy).toList();
        }

        @Override
        public Optional<Membership> findByTokenHash(String tokenHash) {
            return memberRows.values().stream()
                    .filter(m -> m.invitation() != null && tokenHash.equals(m.invitation().tokenHash()))
                    .findFirst().map(InMemoryStore::copy);
        }

        @Override
        public void update(Membership m) {
            Membership stored = memberRows.get(m.id());
            if (stored == null || stored.version() != m.version()) {
                throw new StaleVersionException();
            }
            memberRows.put(m.id(), copy(m, m.version() + 1, m.status(), m.invitation(), stored.lastActiveAt()));
        }

        @Override
        public void updateInvitation(MemberId id, Invitation invitation) {
            Membership stored = memberRows.get(id);
            if (stored != null && stored.pending()) {
                memberRows.put(id, copy(stored, stored.version(), stored.status(), invitation, stored.lastActiveAt()));
            }
        }

        @Override
        public synchronized boolean consumeInvitation(Membership accepted, String tokenHash, Instant now) {
            Membership stored = memberRows.get(accepted.id());
            if (stored == null || !stored.pending() || stored.invitation() == null || tokenHash == null
                    || !tokenHash.equals(stored.invitation().tokenHash()) || stored.invitation().expired(now)) {
                return false;
            }
            memberRows.put(accepted.id(), copy(accepted, stored.version() + 1, accepted.status(), null, stored.lastActiveAt()));
            return true;
        }

        @Override
        public boolean isInvitationOpen(MemberId id, String tokenHash, Instant now) {
            Membership stored = memberRows.get(id);
            return stored != null && stored.pending() && stored.invitation() != null && tokenHash != null
                    && tokenHash.equals(stored.invitation().tokenHash()) && !stored.invitation().expired(now);
        }

        @Override
        public void delete(MemberId id) {
            memberRows.remove(id);
        }

        @Override
        public void touchLastActive(IdentityId user, Instant at) {
            memberRows.replaceAll((id, m) -> m.userId().equals(user) ? copy(m, m.version(), m.status(), m.invitation(), at) : m);
        }

        @Override
        public List<Membership> list(AccountId account, MemberQuery q) {
            Comparator<Membership> byKey = q.sort().numeric()
                    ? Comparator.comparingLong(m -> Long.parseLong(q.sort().keyOf(m)))
                    : Comparator.comparing(m -> q.sort().keyOf(m));
            Comparator<Membership> order = byKey.thenComparing(m -> m.id().value());
            if (q.sort().descending()) {
                order = order.reversed();
            }
            Comparator<Membership> finalOrder = order;
            return memberRows.values().stream()
                    .filter(m -> m.accountId().equals(account))
                    .filter(m -> q.status() == null || m.status() == q.status())
                    .filter(m -> q.role() == null || m.roles().contains(q.role()))
                    .filter(m -> q.text() == null || m.email().value().contains(q.text().toLowerCase(Locale.ROOT))
                            || m.name().toLowerCase(Locale.ROOT).contains(q.text().toLowerCase(Locale.ROOT)))
                    .filter(m -> q.after() == null || finalOrder.compare(m, probe(q, m)) > 0)
                    .sorted(order)
                    .limit(q.limit() + 1L)
                    .map(InMemoryStore::copy)
                    .toList();
        }

        /** A stand-in membership positioned at the cursor, for comparison. */
        private Membership probe(MemberQuery q, Membership like) {
            String v = q.after().value();
            Instant last = null;
            String email = like.email().value();
            MemberStatus status = like.status();
            switch (q.sort()) {
                case EMAIL_ASC, EMAIL_DESC -> email = v;
                case LAST_ACTIVE_ASC, LAST_ACTIVE_DESC -> last = "-1".equals(v) ? null : Instant.ofEpochMilli(Long.parseLong(v));
                case STATUS_ASC -> status = MemberStatus.valueOf(v);
            }
            return Membership.reload(new MemberId(q.after().id()), like.accountId(), like.userId(), new EmailAddress(email),
                    like.name(), status, like.roles(), like.owner(), last, like.authMethod(), like.createdAt(),
                    like.invitation(), 0);
        }
    };

    public final SessionRepository sessions = new SessionRepository() {
        @Override
        public void add(Session s) {
            sessionRows.put(s.tokenHash(), s);
        }

        @Override
        public Optional<Session> find(String tokenHash) {
            return Optional.ofNullable(sessionRows.get(tokenHash));
        }

        @Override
        public void touch(String tokenHash, Instant at) {
            sessionRows.computeIfPresent(tokenHash, (k, s) -> new Session(s.tokenHash(), s.userId(), s.createdAt(), at, s.expiresAt()));
        }

        @Override
        public void delete(String tokenHash) {
            sessionRows.remove(tokenHash);
        }

        @Override
        public void deleteAllOf(IdentityId user) {
            sessionRows.values().removeIf(s -> s.userId().equals(user));
        }

        @Override
        public void deleteAllOfExcept(IdentityId user, String keep) {
            sessionRows.values().removeIf(s -> s.userId().equals(user) && !s.tokenHash().equals(keep));
        }
    };

    public final OutboxRepository outbox = new OutboxRepository() {
        @Override
        public void enqueue(MailKind kind, String subject, AccountId account, String inviterName, Instant now) {
            outboxRows.values().stream().filter(r -> r.kind == kind && r.subject.equals(subject) && isOpen(r))
                    .forEach(r -> r.status = "CANCELLED");
            OutboxRow r = new OutboxRow();
            r.id = UUID.randomUUID().toString();
            r.kind = kind;
            r.subject = subject;
            r.account = account;
            r.inviterName = inviterName;
            r.status = "PENDING";
            r.nextAttemptAt = now;
            r.createdAt = now;
            outboxRows.put(r.id, r);
        }

        private boolean isOpen(OutboxRow r) {
            return r.status.equals("PENDING") || r.status.equals("RETRYING");
        }

        @Override
        public synchronized List<OutboxItem> claimDue(Instant now, Duration lease, int max) {
            List<OutboxItem> out = new ArrayList<>();
            outboxRows.values().stream()
                    .filter(r -> isOpen(r) && !r.nextAttemptAt.isAfter(now) && (r.claimedUntil == null || r.claimedUntil.isBefore(now)))
                    .sorted(Comparator.comparing((OutboxRow r) -> r.nextAttemptAt).thenComparing(r -> r.id))
                    .limit(max)
                    .forEach(r -> {
                        r.claimedUntil = now.plus(lease);
                        r.attempts++;
                        out.add(new OutboxItem(r.id, r.kind, r.subject, r.account, r.inviterName, r.attempts));
                    });
            return out;
        }

        @Override
        public void markSent(String id, Instant now) {
            OutboxRow r = outboxRows.get(id);
            r.status = "SENT";
            r.claimedUntil = null;
        }

        @Override
        public void markRetry(String id, Instant nextAttemptAt, String error) {
            OutboxRow r = outboxRows.get(id);
            r.status = "RETRYING";
            r.nextAttemptAt = nextAttemptAt;
            r.claimedUntil = null;
            r.lastError = error;
        }

        @Override
        public void markFailed(String id, String error) {
            OutboxRow r = outboxRows.get(id);
            r.status = "FAILED";
            r.claimedUntil = null;
            r.lastError = error;
        }

        @Override
        public void cancel(String id) {
            outboxRows.get(id).status = "CANCELLED";
        }

        @Override
        public long countQueuedSince(AccountId account, Instant since) {
            return outboxRows.values().stream().filter(r -> account.equals(r.account) && !r.createdAt.isBefore(since)).count();
        }

        @Override
        public Backlog backlog() {
            List<OutboxRow> open = outboxRows.values().stream().filter(this::isOpen).toList();
            return new Backlog(open.size(), open.stream().map(r -> r.createdAt).min(Comparator.naturalOrder()).orElse(null));
        }
    };

    public final AuditRepository audit = new AuditRepository() {
        @Override
        public ChainHead lockHead(String chain) {
            return auditRows.stream().filter(e -> e.chain().equals(chain)).reduce((a, b) -> b)
                    .map(e -> new ChainHead(e.seq(), e.hash())).orElse(new ChainHead(0, null));
        }

        @Override
        public void append(AuditEvent event) {
            auditRows.add(event);
        }

        @Override
        public List<AuditEvent> list(String chain, AuditQuery q) {
            return auditRows.stream().filter(e -> e.chain().equals(chain))
                    .filter(e -> q.action() == null || e.action().equals(q.action()))
                    .filter(e -> q.actorId() == null || (e.actor() != null && e.actor().id().equals(q.actorId())))
                    .filter(e -> q.targetId() == null || (e.target() != null && e.target().id().equals(q.targetId())))
                    .filter(e -> q.from() == null || !e.occurredAt().isBefore(q.from()))
                    .filter(e -> q.to() == null || e.occurredAt().isBefore(q.to()))
                    .filter(e -> q.beforeSeq() == null || e.seq() < q.beforeSeq())
                    .sorted(Comparator.comparingLong(AuditEvent::seq).reversed())
                    .limit(q.limit() + 1L).toList();
        }

        @Override
        public List<AuditEvent> chainFrom(String chain, long afterSeq, int max) {
            return auditRows.stream().filter(e -> e.chain().equals(chain) && e.seq() > afterSeq)
                    .sorted(Comparator.comparingLong(AuditEvent::seq)).limit(max).toList();
        }
    };
}
