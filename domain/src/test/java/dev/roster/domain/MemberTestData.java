package dev.roster.domain;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.AuthMethod;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleSet;
import java.time.Instant;

/** Test data builder for memberships: {@code aMember().withRoles("EDITOR").inactive().build()}. */
public final class MemberTestData {
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    public static final AccountId ACCOUNT = new AccountId("acc-1");

    private final MemberId id = MemberId.random();
    private AccountId account = ACCOUNT;
    private String email = "member-" + id.value().substring(0, 8) + "@example.com";
    private MemberStatus status = MemberStatus.ACTIVE;
    private RoleSet roles = RoleSet.of("VIEWER");
    private boolean owner;

    public static MemberTestData aMember() {
        return new MemberTestData();
    }

    public MemberTestData withRoles(String... r) {
        roles = r.length == 1 && r[0].isEmpty() ? RoleSet.EMPTY : RoleSet.of(r);
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
        return this;
    }

    public Membership build() {
        return Membership.reload(id, account, IdentityId.random(), new EmailAddress(email), new PersonName("Test Member"),
                status, roles, owner, status == MemberStatus.PENDING_INVITATION ? null : AuthMethod.PASSWORD, T0, 0);
    }
}
