package dev.roster.adapters.persistence;

import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.invitation.InvitationId;
import dev.roster.domain.membership.AuthMethod;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.role.RoleSet;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import java.time.Instant;
import java.util.Arrays;

/** Static mappers between domain objects and JPA rows (the only place that knows both). */
final class Mappers {
    private Mappers() {
    }

    static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static AccountEntity toEntity(Account a) {
        AccountEntity e = new AccountEntity();
        e.id = a.id().value();
        e.name = a.name();
        e.createdAt = a.createdAt().toEpochMilli();
        return e;
    }

    static Account toDomain(AccountEntity e) {
        return new Account(new AccountId(e.id), e.name, Instant.ofEpochMilli(e.createdAt));
    }

    static void copy(Identity i, IdentityEntity e) {
        e.id = i.id().value();
        e.email = i.email().value();
        e.name = i.name().value();
        e.passwordHash = i.passwordHash();
        e.failedLogins = i.failedLogins();
        e.lockCount = i.lockCount();
        e.lockedUntil = millis(i.lockedUntil());
        e.createdAt = i.createdAt().toEpochMilli();
        e.lastActiveAt = activity(i.lastActiveAt());
    }

    static Identity toDomain(IdentityEntity e) {
        return Identity.reload(new IdentityId(e.id), new EmailAddress(e.email), new PersonName(e.name), e.passwordHash,
                e.failedLogins, e.lockCount, instant(e.lockedUntil), Instant.ofEpochMilli(e.createdAt), activity(e.lastActiveAt));
    }

    /** Last activity is stored as epoch millis, -1 for never (so that it sorts without NULL handling). */
    static long activity(Instant at) {
        return at == null ? -1 : at.toEpochMilli();
    }

    static Instant activity(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }

    static String rolesColumn(RoleSet roles) {
        return roles.size() == 0 ? "," : "," + String.join(",", roles.strings()) + ",";
    }

    static RoleSet roles(String column) {
        return RoleSet.of(Arrays.stream(column.split(",")).filter(s -> !s.isEmpty()).toArray(String[]::new));
    }

    /** Copies everything but the version, which JPA owns. */
    static void copy(Membership m, MembershipEntity e) {
        e.id = m.id().value();
        e.accountId = m.accountId().value();
        e.userId = m.identityId().value();
        e.email = m.email().value();
        e.name = m.name().value();
        e.status = m.status().name();
        e.roles = rolesColumn(m.roles());
        e.owner = m.owner();
        e.authMethod = m.authMethod() == null ? null : m.authMethod().name();
        e.createdAt = m.createdAt().toEpochMilli();
    }

    static Membership toDomain(MembershipEntity e) {
        return Membership.reload(new MemberId(e.id), new AccountId(e.accountId), new IdentityId(e.userId),
                new EmailAddress(e.email), new PersonName(e.name), MemberStatus.valueOf(e.status), roles(e.roles), e.owner,
                e.authMethod == null ? null : AuthMethod.valueOf(e.authMethod), Instant.ofEpochMilli(e.createdAt), e.version);
    }

    /** Copies everything but the version, which JPA owns. */
    static void copy(Invitation i, InvitationEntity e) {
        e.id = i.id().value();
        e.memberId = i.memberId().value();
        e.accountId = i.accountId().value();
        e.invitedBy = i.invitedBy() == null ? null : i.invitedBy().value();
        e.sentAt = i.sentAt().toEpochMilli();
        e.sendCount = i.sendCount();
        e.acceptedAt = millis(i.acceptedAt());
    }

    static Invitation toDomain(InvitationEntity e) {
        return Invitation.reload(new InvitationId(e.id), new MemberId(e.memberId), new AccountId(e.accountId),
                e.invitedBy == null ? null : new MemberId(e.invitedBy), Instant.ofEpochMilli(e.sentAt),
                e.sendCount, instant(e.acceptedAt), e.version);
    }

    static void copy(SingleUseLink l, SingleUseLinkEntity e) {
        e.id = l.id();
        e.purpose = l.purpose().name();
        e.subjectId = l.subject();
        e.tokenHash = l.tokenHash();
        e.issuedAt = l.issuedAt().toEpochMilli();
        e.expiresAt = l.expiresAt().toEpochMilli();
        e.usedAt = millis(l.usedAt());
        e.revokedAt = millis(l.revokedAt());
    }

    static SingleUseLink toDomain(SingleUseLinkEntity e) {
        return SingleUseLink.reload(e.id, LinkPurpose.valueOf(e.purpose), e.subjectId, e.tokenHash,
                Instant.ofEpochMilli(e.issuedAt), Instant.ofEpochMilli(e.expiresAt), instant(e.usedAt), instant(e.revokedAt),
                e.version);
    }
}
