package dev.roster.application.fakes;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.LinkRepository;
import dev.roster.application.port.out.MemberReadModel;
import dev.roster.application.port.out.MemberReadModel.MemberRow;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.PendingSignupRepository;
import dev.roster.application.port.out.SessionRepository;
import dev.roster.application.port.out.AuditRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.event.AccountEvent;
import dev.roster.domain.common.EmailAddress;
import dev.roster.application.port.Delivery;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
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
    public final Map<String, Invitation> invitationRows = new LinkedHashMap<>();
    public final Map<String, SessionRepository.Session> sessionRows = new LinkedHashMap<>();
    public final Map<String, OutboxRow> outboxRows = new LinkedHashMap<>();
    public final List<AuditEvent> auditRows = new ArrayList<>();
    /** When set, appending to the audit trail throws it (a database failure, a deadlock on a chain head). */
    public volatile RuntimeException auditFailure;

    /** A stored outbox row. */
    public static final class OutboxRow {
        public String id;
        public OutboxRepository.MailKind kind;
        public String subject;
        public AccountId account;
        public String inviterName;
        public IdentityId sender;
        public String status;
        public int attempts;
        public Instant nextAttemptAt;
        public Instant claimedUntil;
        public Instant createdAt;
        public String lastError;
        public Mailer.FailureKind failureKind;
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
                throw new EmailTakenException();
            }
            identityRows.put(i.id(), copy(i));
        }

        @Override
        public Optional<Identity> find(IdentityId id) {
            return Optional.ofNullable(identityRows.get(id)).map(InMemoryStore::copy);
        }

        @Override
        public Optional<Identity> findByEmail(EmailAddress email) {
            return identityRows.values().stream().filter(i -> i.email().equals(email)).findFirst().map(InMemoryStore::copy);
        }

        @Override
        public Optional<Identity> findByEmailForUpdate(EmailAddress email) {
            return findByEmail(email); // the fakes run one use case at a time
        }

        @Override
        public synchronized void update(Identity i) {
            Identity stored = identityRows.get(i.id());
            if (stored == null) {
                throw new IllegalStateException("identity is gone");
            }
            identityRows.put(i.id(), Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), stored.failedLogins(),
                    stored.lockCount(), stored.lockedUntil(), stored.createdAt(), stored.lastActiveAt()));
        }

        @Override
        public synchronized void recordActivity(IdentityId id, Instant at) {
            Identity i = identityRows.get(id);
            if (i != null) {
                identityRows.put(id, Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), i.failedLogins(),
                        i.lockCount(), i.lockedUntil(), i.createdAt(), at));
            }
        }

        @Override
        public void delete(IdentityId id) {
            identityRows.remove(id);
            loginRows.remove(id);
        }

        @Override
        public synchronized int reserveLoginAttempt(IdentityId id, Instant now, int maxFailures, Duration heal, Duration window) {
            Identity i = identityRows.get(id);
            if (i == null || i.isLocked(now)) {
                return 0;
            }
            LoginRow l = loginRows.computeIfAbsent(id, k -> new LoginRow());
            int failed = i.failedLogins();
            if (failed > 0 && (l.failuresSince == null || !now.isBefore(l.failuresSince.plus(window)))) {
                failed = 0; // the run began a window ago: its failures no longer count
            }
            if (failed >= maxFailures) {
                if (l.lastAttemptAt != null && now.isBefore(l.lastAttemptAt.plus(heal))) {
                    return 0;
                }
                failed = 0; // slots lost without a verdict: healed
            }
            l.lastAttemptAt = now;
            if (failed == 0) {
                l.failuresSince = now;
            }
            identityRows.put(id, counters(i, failed + 1, i.lockCount(), i.lockedUntil()));
            return failed + 1;
        }

        @Override
        public synchronized void releaseLoginAttempt(IdentityId id) {
            Identity i = identityRows.get(id);
            if (i != null && i.failedLogins() > 0) {
                identityRows.put(id, counters(i, i.failedLogins() - 1, i.lockCount(), i.lockedUntil()));
            }
        }

        @Override
        public Optional<Identity> findForUpdate(IdentityId id) {
            return find(id);
        }

        @Override
        public synchronized boolean replacePasswordHash(IdentityId id, String expected, String newHash) {
            Identity i = identityRows.get(id);
            if (i == null || !java.util.Objects.equals(i.passwordHash(), expected)) {
                return false;
            }
            identityRows.put(id, Identity.reload(i.id(), i.email(), i.name(), newHash, i.failedLogins(), i.lockCount(),
                    i.lockedUntil(), i.createdAt(), i.lastActiveAt()));
            return true;
        }

        @Override
        public synchronized void endLock(IdentityId id) {
            Identity i = identityRows.get(id);
            if (i != null) {
                identityRows.put(id, counters(i, 0, i.lockCount(), null));
            }
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
    };

    /** The lockout state of an identity that {@link Identity} does not carry. */
    private static final class LoginRow {
        Instant lastAttemptAt;
        Instant failuresSince;
    }

    private final Map<IdentityId, LoginRow> loginRows = new LinkedHashMap<>();

    private static Identity counters(Identity i, int failed, int locks, Instant lockedUntil) {
        return Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), failed, locks, lockedUntil, i.createdAt(),
                i.lastActiveAt());
    }

    public final Map<String, PendingSignup> signupRows = new LinkedHashMap<>();
    /** When each sign-up's mail went out, and to which mailbox. */
    private final Map<String, Instant> signupMailedAt = new LinkedHashMap<>();
    private final Map<String, String> signupMailbox = new LinkedHashMap<>();

    public final PendingSignupRepository signups = new PendingSignupRepository() {
        @Override
        public synchronized void add(PendingSignup p) {
            signupRows.put(p.id(), p);
        }

        @Override
        public Optional<PendingSignup> find(String id) {
            return Optional.ofNullable(signupRows.get(id));
        }

        @Override
        public synchronized boolean claimMail(String id, String mailbox, Instant now, Duration cooldown) {
            if (!signupRows.containsKey(id)) {
                return false;
            }
            Instant since = now.minus(cooldown);
            boolean recent = signupMailedAt.entrySet().stream().anyMatch(e -> !e.getKey().equals(id)
                    && mailbox.equals(signupMailbox.get(e.getKey())) && e.getValue().isAfter(since));
            if (recent) {
                return false;
            }
            signupMailedAt.put(id, now);
            signupMailbox.put(id, mailbox);
            return true;
        }

        @Override
        public synchronized void keepUntil(String id, Instant expiresAt) {
            PendingSignup p = signupRows.get(id);
            if (p != null) {
                signupRows.put(id, new PendingSignup(p.id(), p.email(), p.name(), p.accountName(), p.createdAt(), expiresAt));
            }
        }

        @Override
        public synchronized boolean consume(String id) {
            PendingSignup p = signupRows.remove(id);
            forget();
            return p != null;
        }

        @Override
        public synchronized void delete(String id) {
            signupRows.remove(id);
            forget();
        }

        @Override
        public synchronized int purgeExpired(Instant now) {
            int before = signupRows.size();
            signupRows.values().removeIf(p -> p.expired(now));
            forget();
            return before - signupRows.size();
        }

        private void forget() {
            signupMailedAt.keySet().retainAll(signupRows.keySet());
            signupMailbox.keySet().retainAll(signupRows.keySet());
        }
    };

    /** The single-use links (ADR 0065), by id; the order of insertion breaks ties of {@code issuedAt}. */
    public final Map<String, SingleUseLink> linkRows = new LinkedHashMap<>();

    public final LinkRepository links = new LinkRepository() {
        @Override
        public synchronized void add(SingleUseLink link) {
            if (link.tokenHash() != null && findByTokenHash(link.tokenHash()).isPresent()) {
                throw new IllegalStateException("token hash taken");
            }
            linkRows.put(link.id(), copy(link, 0));
        }

        @Override
        public synchronized Optional<SingleUseLink> findByTokenHash(String tokenHash) {
            return linkRows.values().stream().filter(l -> tokenHash.equals(l.tokenHash())).findFirst()
                    .map(l -> copy(l, l.version()));
        }

        @Override
        public synchronized Optional<SingleUseLink> latest(LinkPurpose purpose, String subject) {
            return linkRows.values().stream().filter(l -> l.purpose() == purpose && l.subject().equals(subject))
                    .max(Comparator.comparing(SingleUseLink::issuedAt).thenComparing(SingleUseLink::open))
                    .map(l -> copy(l, l.version()));
        }

        @Override
        public synchronized boolean update(SingleUseLink link) {
            SingleUseLink stored = linkRows.get(link.id());
            if (stored == null || stored.version() != link.version()) {
                return false;
            }
            if (link.tokenHash() != null && linkRows.values().stream()
                    .anyMatch(l -> !l.id().equals(link.id()) && link.tokenHash().equals(l.tokenHash()))) {
                throw new IllegalStateException("token hash taken");
            }
            linkRows.put(link.id(), copy(link, link.version() + 1));
            return true;
        }
    };

    private static SingleUseLink copy(SingleUseLink l, long version) {
        return SingleUseLink.reload(l.id(), l.purpose(), l.subject(), l.tokenHash(), l.issuedAt(), l.expiresAt(), l.usedAt(),
                l.revokedAt(), version);
    }

    private static Identity copy(Identity i) {
        return Identity.reload(i.id(), i.email(), i.name(), i.passwordHash(), i.failedLogins(), i.lockCount(),
                i.lockedUntil(), i.createdAt(), i.lastActiveAt());
    }

    private static Membership copy(Membership m, long version) {
        return Membership.reload(m.id(), m.accountId(), m.identityId(), m.email(), m.name(), m.status(), m.roles(), m.owner(),
                m.authMethod(), m.createdAt(), version);
    }

    private static Membership copy(Membership m) {
        return copy(m, m.version());
    }

    private static Invitation copy(Invitation i, long version) {
        return Invitation.reload(i.id(), i.memberId(), i.accountId(), i.invitedBy(), i.sentAt(), i.sendCount(), i.acceptedAt(),
                version);
    }

    /** The state a membership row's change compares: admin-visible fields only. */
    private static boolean sameState(Membership a, Membership b) {
        return a.name().equals(b.name()) && a.status() == b.status() && a.roles().equals(b.roles()) && a.owner() == b.owner()
                && java.util.Objects.equals(a.authMethod(), b.authMethod());
    }

    /** Each membership's last authorized request to its account (ADR 0035). */
    public final Map<MemberId, Instant> memberActivity = new LinkedHashMap<>();

    private Instant lastActive(Membership m) {
        return memberActivity.get(m.id());
    }

    public final MembershipRepository memberships = new MembershipRepository() {
        @Override
        public synchronized long add(Membership m) {
            if (memberRows.values().stream().anyMatch(x -> x.accountId().equals(m.accountId()) && x.email().equals(m.email()))) {
                throw new MemberExistsException();
            }
            memberRows.put(m.id(), copy(m));
            return m.version();
        }

        @Override
        public Optional<Membership> find(AccountId account, MemberId id) {
            return Optional.ofNullable(memberRows.get(id)).filter(m -> m.accountId().equals(account)).map(InMemoryStore::copy);
        }

        @Override
        public Optional<Membership> findByIdentity(AccountId account, IdentityId user) {
            return memberRows.values().stream().filter(m -> m.accountId().equals(account) && m.identityId().equals(user))
                    .findFirst().map(InMemoryStore::copy);
        }

        @Override
        public List<Membership> lockAll(AccountId account, java.util.Collection<MemberId> ids) {
            return ids.stream().distinct().sorted(Comparator.comparing(MemberId::value)).map(memberRows::get)
                    .filter(m -> m != null && m.accountId().equals(account)).map(InMemoryStore::copy).toList();
        }

        @Override
        public List<Membership> findAllOfIdentity(IdentityId user) {
            return memberRows.values().stream().filter(m -> m.identityId().equals(user)).map(InMemoryStore::copy).toList();
        }

        /** Like JPA: the version moves only when a stored field changes. */
        @Override
        public synchronized long update(Membership m) {
            Membership stored = memberRows.get(m.id());
            if (stored == null || stored.version() != m.version()) {
                throw new StaleMemberException();
            }
            long version = sameState(stored, m) ? m.version() : m.version() + 1;
            memberRows.put(m.id(), copy(m, version));
            return version;
        }

        @Override
        public synchronized void delete(Membership m) {
            Membership stored = memberRows.get(m.id());
            if (stored != null && stored.owner()) {
                throw new dev.roster.domain.membership.OwnerProtectedException();
            }
            memberRows.remove(m.id());
            memberActivity.remove(m.id());
        }

        @Override
        public synchronized void recordActivity(MemberId id, Instant at, Instant unlessSince) {
            Instant last = memberActivity.get(id);
            if (memberRows.containsKey(id) && (last == null || last.isBefore(unlessSince))) {
                memberActivity.put(id, at);
            }
        }

        @Override
        public synchronized Instant lastActiveAt(MemberId id) {
            return memberActivity.get(id);
        }

        @Override
        public List<Listed> list(AccountId account, MemberQuery q) {
            Comparator<Listed> byKey = q.sort().numeric()
                    ? Comparator.comparingLong(l -> Long.parseLong(key(q, l)))
                    : Comparator.comparing(l -> key(q, l));
            Comparator<Listed> order = byKey.thenComparing(l -> l.membership().id().value());
            if (q.sort().descending()) {
                order = order.reversed();
            }
            Comparator<Listed> finalOrder = order;
            return memberRows.values().stream()
                    .filter(m -> m.accountId().equals(account))
                    .filter(m -> q.status() == null || m.status() == q.status())
                    .filter(m -> q.authMethod() == null || m.authMethod() == q.authMethod())
                    .filter(m -> q.role() == null || m.roles().contains(q.role()))
                    .filter(m -> q.text() == null || m.email().value().contains(q.text().toLowerCase(Locale.ROOT))
                            || m.name().value().toLowerCase(Locale.ROOT).contains(q.text().toLowerCase(Locale.ROOT)))
                    .map(m -> new Listed(copy(m), lastActive(m)))
                    .filter(l -> q.after() == null || after(finalOrder, q, l))
                    .sorted(order)
                    .limit(q.limit() + 1L)
                    .toList();
        }

        private String key(MemberQuery q, Listed l) {
            return q.sort().keyOf(l.membership(), l.lastActiveAt());
        }

        /** Whether {@code l} comes after the cursor position in the order. */
        private boolean after(Comparator<Listed> order, MemberQuery q, Listed l) {
            String k = key(q, l);
            int c = q.sort().numeric() ? Long.compare(Long.parseLong(k), Long.parseLong(q.after().value())) : k.compareTo(q.after().value());
            if (c == 0) {
                c = l.membership().id().value().compareTo(q.after().id());
            }
            return q.sort().descending() ? c < 0 : c > 0;
        }
    };

    /** The read model composed from the fakes above: what the JPA adapter reads in one query. */
    public final MemberReadModel memberViews = new MemberReadModel() {
        @Override
        public Optional<MemberRow> find(AccountId account, MemberId id) {
            return memberships.find(account, id).map(m -> rowsOf(List.of(new MembershipRepository.Listed(m, lastActive(m)))).get(0));
        }

        @Override
        public List<MemberRow> page(AccountId account, MembershipRepository.MemberQuery query) {
            return rowsOf(memberships.list(account, query));
        }

        private List<MemberRow> rowsOf(List<MembershipRepository.Listed> rows) {
            List<MemberId> pending = rows.stream().map(MembershipRepository.Listed::membership).filter(Membership::pending)
                    .map(Membership::id).toList();
            Map<MemberId, Invitation> open = invitations.findOpen(pending);
            Map<MemberId, OutboxRepository.InvitationDelivery> mails = outbox.invitationDeliveries(pending);
            return rows.stream().map(r -> {
                Invitation inv = open.get(r.membership().id());
                SingleUseLink link = inv == null ? null
                        : links.latest(LinkPurpose.INVITATION, inv.id().value()).filter(SingleUseLink::open).orElse(null);
                return new MemberRow(r.membership(), r.lastActiveAt(), inv, link, mails.get(r.membership().id()));
            }).toList();
        }
    };

    public final InvitationRepository invitations = new InvitationRepository() {
        @Override
        public synchronized void add(Invitation i) {
            invitationRows.put(i.id().value(), copy(i, 0));
        }

        @Override
        public Optional<Invitation> find(dev.roster.domain.invitation.InvitationId id) {
            return Optional.ofNullable(invitationRows.get(id.value())).map(i -> copy(i, i.version()));
        }

        @Override
        public Optional<Invitation> findOpen(MemberId member) {
            return invitationRows.values().stream().filter(i -> i.memberId().equals(member) && i.open()).findFirst()
                    .map(i -> copy(i, i.version()));
        }

        @Override
        public Map<MemberId, Invitation> findOpen(java.util.Collection<MemberId> members) {
            Map<MemberId, Invitation> out = new LinkedHashMap<>();
            members.forEach(m -> findOpen(m).ifPresent(i -> out.put(m, i)));
            return out;
        }

        @Override
        public synchronized boolean update(Invitation i) {
            Invitation stored = invitationRows.get(i.id().value());
            if (stored == null || stored.version() != i.version()) {
                return false;
            }
            invitationRows.put(i.id().value(), copy(i, i.version() + 1));
            return true;
        }

        @Override
        public synchronized void deleteOf(MemberId member) {
            invitationRows.values().removeIf(i -> i.memberId().equals(member));
        }
    };

    /** Whether an account requires SSO, as the session read reports it (wired by the SSO tests). */
    public java.util.function.Predicate<dev.roster.domain.account.AccountId> ssoRequired = a -> false;

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
        public Optional<Scoped> findFor(String tokenHash, dev.roster.domain.account.AccountId account) {
            return find(tokenHash).map(s -> new Scoped(s, ssoRequired.test(account)));
        }

        @Override
        public void touch(String tokenHash, Instant at) {
            sessionRows.computeIfPresent(tokenHash, (k, s) -> new Session(s.tokenHash(), s.userId(), s.createdAt(), at, s.expiresAt(), s.establishedBy()));
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

        @Override
        public int purgeExpired(Instant now, Instant lastSeenBefore) {
            int before = sessionRows.size();
            sessionRows.values().removeIf(s -> !s.expiresAt().isAfter(now) || !s.lastSeenAt().isAfter(lastSeenBefore));
            return before - sessionRows.size();
        }
    };

    public final OutboxRepository outbox = new OutboxRepository() {
        @Override
        public void enqueue(MailKind kind, String subject, AccountId account, String inviterName, IdentityId sender,
                            Instant now) {
            outboxRows.values().stream().filter(r -> r.kind == kind && r.subject.equals(subject) && isOpen(r))
                    .forEach(r -> r.status = "CANCELLED");
            OutboxRow r = new OutboxRow();
            r.id = UUID.randomUUID().toString();
            r.kind = kind;
            r.subject = subject;
            r.account = account;
            r.inviterName = inviterName;
            r.sender = sender;
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
            r.lastError = null;
            r.failureKind = null;
        }

        @Override
        public void markRetry(String id, Instant nextAttemptAt, Mailer.FailureKind kind, String error) {
            OutboxRow r = outboxRows.get(id);
            r.status = "RETRYING";
            r.nextAttemptAt = nextAttemptAt;
            r.claimedUntil = null;
            r.lastError = error;
            r.failureKind = kind;
        }

        @Override
        public void markFailed(String id, Mailer.FailureKind kind, String error) {
            OutboxRow r = outboxRows.get(id);
            r.status = "FAILED";
            r.claimedUntil = null;
            r.lastError = error;
            r.failureKind = kind;
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
        public long countInvitationsSince(IdentityId sender, Instant since) {
            return outboxRows.values().stream().filter(r -> r.kind == MailKind.INVITATION && sender.equals(r.sender)
                    && !r.createdAt.isBefore(since)).count();
        }

        @Override
        public Map<MemberId, InvitationDelivery> invitationDeliveries(java.util.Collection<MemberId> members) {
            Map<MemberId, InvitationDelivery> out = new LinkedHashMap<>();
            outboxRows.values().stream()
                    .filter(r -> r.kind == MailKind.INVITATION && !r.status.equals("CANCELLED")
                            && members.contains(new MemberId(r.subject)))
                    .sorted(Comparator.comparing((OutboxRow r) -> r.createdAt))
                    .forEach(r -> out.put(new MemberId(r.subject), new InvitationDelivery(switch (r.status) {
                        case "SENT" -> Delivery.SENT;
                        case "FAILED" -> Delivery.FAILED;
                        case "RETRYING" -> Delivery.RETRYING;
                        default -> r.lastError == null ? Delivery.QUEUED : Delivery.RETRYING;
                    }, r.failureKind)));
            return out;
        }
    };

    /** The chain heads and verification checkpoints, kept apart from the rows as the database keeps them. */
    public final Map<String, AuditRepository.ChainHead> auditHeads = new LinkedHashMap<>();
    public final Map<String, AuditRepository.ChainHead> auditCheckpoints = new LinkedHashMap<>();
    private final Map<String, String> auditRepeatKeys = new LinkedHashMap<>();

    /** The account events (issue 21): written with their audit entries. */
    public final InMemoryEvents events = new InMemoryEvents();

    public final AuditRepository audit = new AuditRepository() {
        @Override
        public synchronized ChainHead lockHead(String chain) {
            return head(chain);
        }

        @Override
        public synchronized void append(AuditEvent event, String repeatKey, AccountEvent accountEvent) {
            RuntimeException failure = auditFailure;
            if (failure != null) {
                throw failure;
            }
            if (head(event.chain()).seq() != event.seq() - 1) {
                throw new IllegalStateException("audit chain head not locked or moved: " + event.chain());
            }
            if (accountEvent != null) {
                events.append(accountEvent);
            }
            auditRows.add(event);
            auditHeads.put(event.chain(), new ChainHead(event.seq(), event.hash()));
            if (repeatKey != null) {
                auditRepeatKeys.put(event.id(), repeatKey);
            }
        }

        @Override
        public synchronized boolean countRepeat(String chain, String repeatKey, Instant since, Instant at) {
            for (int i = auditRows.size() - 1; i >= 0; i--) {
                AuditEvent e = auditRows.get(i);
                if (e.chain().equals(chain) && repeatKey.equals(auditRepeatKeys.get(e.id())) && !e.occurredAt().isBefore(since)) {
                    auditRows.set(i, new AuditEvent(e.id(), e.chain(), e.seq(), e.occurredAt(), e.action(), e.actor(), e.target(),
                            e.before(), e.after(), e.ip(), e.requestId(), e.prevHash(), e.hash(), e.count() + 1, at));
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized ChainHead head(String chain) {
            return auditHeads.getOrDefault(chain, new ChainHead(0, null));
        }

        @Override
        public synchronized ChainHead checkpoint(String chain) {
            return auditCheckpoints.getOrDefault(chain, new ChainHead(0, null));
        }

        @Override
        public synchronized void saveCheckpoint(String chain, ChainHead verified) {
            if (auditHeads.containsKey(chain)) {
                auditCheckpoints.put(chain, verified);
            }
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
