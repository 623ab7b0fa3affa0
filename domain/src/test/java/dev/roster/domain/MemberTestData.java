package dev.roster.domain;

import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation.Delivery;
import java.time.Instant;
import java.util.Set;

/** Test data builder for memberships: {@code aMember().withRoles("EDITOR").inactive().build()}. */
public final class MemberTestData {
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    public static final AccountId ACCOUNT = new AccountId("acc-1");

    private MemberId id = MemberId.random();
    private AccountId account = ACCOUNT;
    private String email = "member-" + id.value().substring(0, 8) + "@example.com";
    private MemberStatus status = MemberStatus.ACTIVE;
    private Set<String> roles = Set.of("VIEWER");
    private boolean owner;
    private Invitation invitation;

    public static MemberTestData aMember() {
        return new MemberTestData();
    }

    public MemberTestData withRoles(String... r) {
        roles = Set.of(r);
        return this;
    }

    public MemberTestData withEmail(String e) {
        email = e;
        return this;
    }

    public MemberTestData inAccount(AccountId a) {
        account = a;
        return this;
    }

    public MemberTestData owner() {
        owner = true;
        return this;
    }

    public MemberTestData inactive() {
        status = MemberStatus.INACTIVE;
        return this;
    }

    public MemberTestData pending() {
        status = MemberStatus.PENDING_INVITATION;
        invitation = new Invitation(null, T0, T0.plusSeconds(86400), 1, null, Delivery.QUEUED, null);
        return this;
    }

    public Membership build() {
        return Membership.reload(id, account, IdentityId.random(), new EmailAddress(email), "Test Member", status, roles,
                owner, null, status == MemberStatus.PENDING_INVITATION ? null : Membership.AUTH_PASSWORD, T0, invitation, 0);
    }
}
