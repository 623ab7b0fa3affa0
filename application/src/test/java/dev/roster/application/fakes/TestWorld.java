package dev.roster.application.fakes;

import dev.roster.application.port.in.ChangeMemberUseCase;
import dev.roster.application.port.in.InviteMemberUseCase;
import dev.roster.application.port.in.LoginUseCase;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.MemberQueriesUseCase;
import dev.roster.application.port.in.RemoveMemberUseCase;
import dev.roster.application.port.in.ViewMeUseCase;
import dev.roster.application.service.*;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.AccountSettings;
import dev.roster.application.InvitationSettings;
import dev.roster.application.LoginSettings;
import dev.roster.application.RelaySettings;
import dev.roster.application.SessionSettings;
import dev.roster.application.RosterSettings;
import dev.roster.application.SignupSettings;
import dev.roster.application.port.in.SignUpUseCase;
import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.RosterSettings.MailRetry;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.Mailer.InvitationMail;
import dev.roster.application.port.out.Mailer.Mail;
import dev.roster.application.port.out.Mailer.PasswordResetMail;
import dev.roster.application.port.out.Mailer.SignupMail;
import dev.roster.application.port.out.PasswordHasher;
import dev.roster.application.port.out.RequestContext;
import dev.roster.application.port.out.TokenGenerator;
import dev.roster.domain.identity.PasswordPolicy;
import dev.roster.domain.role.RoleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The application wired to in-memory fakes, a hand-moved clock, a cheap hasher and a recording mailer. */
public final class TestWorld {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    public final InMemoryStore store = new InMemoryStore();
    public final RecordingMailer mailer = new RecordingMailer();
    public final RosterSettings settings;
    public final AccountService accounts;
    public final Auth auth;
    public final PasswordService passwords;
    public final Members members;
    public final InvitationService invitations;
    public final DeliveryService delivery;
    public final AuditTrail auditor;
    public final CountingHasher hasher;
    public final FakePasswordStrength strength = new FakePasswordStrength();
    public final AuditQueriesService audit;
    public final SignupSettings signupSettings;
    public final UnlockService unlocks;
    public final LoginThrottleSettings loginThrottle;
    public final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    /** Issue 21: the account events, the webhook endpoints and deliveries, and the sender they go to. */
    public final InMemoryEvents events = store.events;
    public final InMemoryWebhooks webhookStore = new InMemoryWebhooks();
    public final FakeWebhookSender webhookSender = new FakeWebhookSender();
    public final dev.roster.application.WebhookSettings webhookSettings = dev.roster.application.WebhookSettings.DEFAULTS;
    public WebhookService webhooks;
    public WebhookRelaySteps webhookSteps;
    public WebhookRelay webhookRelay;
    public final List<String> webhookOutcomes = new ArrayList<>();
    /** The client address of the requests (the per-source login budget counts by it). */
    public volatile String ip = "203.0.113.7";

    /** Budgets too large to matter (the tests of other things send many wrong passwords from one address); the real window. */
    public static final LoginThrottleSettings GENEROUS = new LoginThrottleSettings(
            new dev.roster.application.port.out.RateLimiter.Limit(1_000_000, 1_000_000), LoginThrottleSettings.DEFAULTS.failureWindow());

    /** The member use cases, each its own service, side by side for the tests. */
    public record Members(MemberQueriesService queries, InviteMemberService inviter, ChangeMemberService changer,
                          RemoveMemberService remover, ResendInvitationService resender) {
        public RoleCatalog roles(IdentityId actor, AccountId account) {
            return queries.roles(actor, account);
        }

        public MemberQueriesUseCase.MemberPage list(IdentityId actor, AccountId account, MemberQueriesUseCase.ListMembersQuery q) {
            return queries.list(actor, account, q);
        }

        public MemberDetails view(IdentityId actor, AccountId account, MemberId member) {
            return queries.view(actor, account, member);
        }

        public MemberDetails invite(InviteMemberUseCase.InviteMemberCommand c) {
            return inviter.invite(c);
        }

        public MemberDetails update(ChangeMemberUseCase.ChangeMemberCommand c) {
            return changer.change(c);
        }

        public void remove(RemoveMemberUseCase.RemoveMemberCommand c) {
            remover.remove(c);
        }

        public MemberDetails resend(IdentityId actor, AccountId account, MemberId member) {
            return resender.resend(actor, account, member);
        }
    }

    /** The login, session and me use cases side by side for the tests. */
    public record Auth(LoginService logins, SessionService sessions, ViewMeService viewMe) {
        public LoginUseCase.LoginResult login(LoginUseCase.LoginCommand c) {
            return logins.login(c);
        }

        public java.util.Optional<IdentityId> authenticate(String token) {
            return sessions.authenticate(token);
        }

        public void logout(String token) {
            sessions.logout(token);
        }

        public ViewMeUseCase.Me me(IdentityId user) {
            return viewMe.me(user);
        }
    }

    public TestWorld(String catalog) {
        this(catalog, true);
    }

    public TestWorld(String catalog, boolean signupEnabled) {
        this(catalog, signupEnabled, new SignupSettings(20, 200));
    }

    public TestWorld(String catalog, boolean signupEnabled, SignupSettings signupLimits) {
        this(catalog, signupEnabled, signupLimits, GENEROUS);
    }

    public TestWorld(String catalog, boolean signupEnabled, SignupSettings signupLimits, LoginThrottleSettings loginThrottle) {
        this.loginThrottle = loginThrottle;
        signupSettings = signupLimits;
        settings = new RosterSettings("https://roster.example.com", RoleCatalog.named(catalog), Duration.ofHours(24),
                Duration.ofMinutes(1), 100, signupEnabled, new PasswordPolicy(15),
                new HashParams(1024, 1, 1), Duration.ofMinutes(30), Duration.ofHours(12), 10, Duration.ofMinutes(1),
                new MailRetry(Duration.ofSeconds(2), Duration.ofMinutes(5), 5), Duration.ofHours(24), Duration.ofMinutes(30));
        RequestContext request = new RequestContext() {
            @Override
            public String ip() {
                return ip;
            }

            @Override
            public String requestId() {
                return "req-test";
            }
        };
        auditor = new AuditTrail(store.audit, request, clock, new EventLog(settings));
        hasher = new CountingHasher(new FakePasswordHasher(settings.hashParams()));
        TokenGenerator tokens = TestWorld::newToken;
        NewPasswords newPasswords = new NewPasswords(settings.passwordPolicy(), strength);
        accounts = new AccountService(store.identities, store.memberships, store.signups, store.links, store.outbox, hasher, clock,
                AccountSettings.of(settings), signupSettings, new SignupSteps(store.accounts, store.identities, store.memberships,
                        store.signups, store.links, clock, settings.catalog(), auditor), auditor, newPasswords);
        LoginSteps steps = new LoginSteps(store.identities, store.memberships, store.sessions, store.outbox, tokens, clock,
                LoginSettings.of(settings), auditor, new NoTelemetry(), loginThrottle, store.links);
        PasswordChecks checks = new PasswordChecks(steps, hasher, tokens, LoginSettings.of(settings));
        unlocks = new UnlockService(store.identities, store.links, store.memberships, clock, auditor);
        auth = new Auth(new LoginService(checks, steps, new NoTelemetry(), limiter, request, loginThrottle),
                new SessionService(store.sessions, clock, SessionSettings.of(settings)),
                new ViewMeService(store.identities, store.memberships, store.accounts, settings.catalog()));
        passwords = new PasswordService(store.identities, store.links, store.memberships, store.outbox, hasher, checks, steps, clock,
                auditor, newPasswords);
        MemberReads reads = new MemberReads(store.memberViews, InvitationSettings.of(settings));
        InvitationLimits limits = new InvitationLimits(store.outbox, InvitationSettings.of(settings), signupSettings);
        members = new Members(new MemberQueriesService(store.memberships, reads, settings.catalog(), clock),
                new InviteMemberService(new InviteMemberTransaction(store.identities, store.memberships, store.invitations,
                        store.outbox, limits, reads, clock, settings.catalog(), InvitationSettings.of(settings), auditor)),
                new ChangeMemberService(store.memberships, store.sessions, reads, settings.catalog(), auditor, clock),
                new RemoveMemberService(store.identities, store.memberships, store.invitations, store.sessions, settings.catalog(), auditor, clock),
                new ResendInvitationService(store.identities, store.memberships, store.invitations, store.links, store.outbox, limits,
                        reads, clock, settings.catalog(), auditor));
        invitations = new InvitationService(store.accounts, store.identities, store.memberships, store.invitations, store.links, hasher,
                checks, clock, auditor, newPasswords);
        delivery = new DeliveryService(new DeliverySteps(store.outbox, store.memberships, store.invitations, store.identities, store.links,
                store.signups, store.accounts, tokens, clock, RelaySettings.of(settings), settings.catalog(), auditor), mailer, new NoTelemetry());
        audit = new AuditQueriesService(store.audit, store.memberships, settings.catalog(), clock);
        webhooks = new WebhookService(webhookStore, events, store.memberships, webhookSender, new FakeSecretBox(), tokens, auditor,
                settings, webhookSettings, clock);
        webhookSteps = new WebhookRelaySteps(webhookStore, events, new FakeSecretBox(), auditor, webhookSettings, clock,
                store.memberships, store.outbox, settings);
        webhookRelay = new WebhookRelay(webhookSteps, webhookSender, clock, webhookOutcomes::add);
    }

    /** The whole verified sign-up: request, the relay sends the confirmation mail, its link is used with {@code password}. */
    public SignUpUseCase.SignUpResult signUp(String accountName, String email, String name, String password) {
        accounts.requestSignUp(new SignUpUseCase.SignUpCommand(accountName, email, name));
        delivery.deliverDue();
        return accounts.confirm(mailer.tokenFor(new dev.roster.domain.common.EmailAddress(email).value()), password);
    }

    /** 256 random bits, base64url without padding: the shape of the real tokens. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hasher, counting verifications. */
    public static final class CountingHasher implements PasswordHasher {
        private final PasswordHasher real;
        private final java.util.concurrent.atomic.AtomicLong verifications = new java.util.concurrent.atomic.AtomicLong();

        CountingHasher(PasswordHasher real) {
            this.real = real;
        }

        /** When set, every permit is refused with it (a saturated hasher). */
        public volatile PasswordHasher.BusyException busy;
        /** When set, every verification throws it (the hasher failed in the middle of a check). */
        public volatile RuntimeException verifyFailure;
        /** When set, runs after each verification (a concurrent request landing between the check and what follows). */
        public volatile Runnable afterVerify;

        public long verifications() {
            return verifications.get();
        }

        @Override
        public Permit permit() {
            PasswordHasher.BusyException refusal = busy;
            if (refusal != null) {
                throw refusal;
            }
            return PasswordHasher.super.permit();
        }

        @Override
        public String hash(String password) {
            return real.hash(password);
        }

        @Override
        public boolean verify(String phcHash, String password) {
            verifications.incrementAndGet();
            RuntimeException failure = verifyFailure;
            if (failure != null) {
                throw failure;
            }
            boolean right = real.verify(phcHash, password);
            Runnable hook = afterVerify;
            if (hook != null) {
                afterVerify = null;
                hook.run();
            }
            return right;
        }

        @Override
        public boolean needsRehash(String phcHash) {
            return real.needsRehash(phcHash);
        }
    }

    /** Records mails; can be told to fail. */
    public static final class RecordingMailer implements Mailer {
        public final List<Mail> sent = new ArrayList<>();
        public Mailer.MailFailure failWith;

        @Override
        public void send(Mail mail) throws MailFailure {
            if (failWith != null) {
                throw failWith;
            }
            sent.add(mail);
        }

        public String lastToken() {
            return tokenOf(sent.get(sent.size() - 1));
        }

        /** The token of the latest mail with a link sent to {@code email}. */
        public String tokenFor(String email) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).to().equals(email) && linkOf(sent.get(i)) != null) {
                    return tokenOf(sent.get(i));
                }
            }
            throw new AssertionError("no mail to " + email);
        }

        /** The mails sent to {@code email}, oldest first. */
        public List<Mail> to(String email) {
            return sent.stream().filter(m -> m.to().equals(email)).toList();
        }

        /** The raw token a mail carries (the mail adapter makes the link of it), or null: a notice has none. */
        public static String linkOf(Mail mail) {
            if (mail instanceof InvitationMail m) {
                return m.token();
            }
            if (mail instanceof SignupMail m) {
                return m.token();
            }
            if (mail instanceof PasswordResetMail m) {
                return m.token();
            }
            if (mail instanceof Mailer.AccountLockedMail m) {
                return m.token();
            }
            return null;
        }

        private static String tokenOf(Mail mail) {
            String token = linkOf(mail);
            if (token == null) {
                throw new AssertionError("mail without a link: " + mail);
            }
            return token;
        }
    }
}
