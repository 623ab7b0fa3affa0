package dev.roster.adapters.persistence;

import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

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
        e.name = i.name();
        e.passwordHash = i.passwordHash();
        e.failedLogins = i.failedLogins();
        e.lockCount = i.lockCount();
        e.lockedUntil = millis(i.lockedUntil());
        e.createdAt = i.createdAt().toEpochMilli();
    }

    static Identity toDomain(IdentityEntity e) {
        return Identity.reload(new IdentityId(e.id), new EmailAddress(e.email), e.name, e.passwordHash, e.failedLogins,
                e.lockCount, instant(e.lockedUntil), Instant.ofEpochMilli(e.createdAt), 0);
    }

    static String rolesColumn(Set<String> roles) {
        return roles.isEmpty() ? "," : "," + roles.stream().sorted().collect(Collectors.joining(",")) + ",";
    }

    static Set<String> roles(String column) {
        return Arrays.stream(column.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Copies everything but the version, which JPA owns. */
    static void copy(Membership m, MembershipEntity e) {
        e.id = m.id().value();
        e.accountId = m.accountId().value();
        e.userId = m.userId().value();
        e.email = m.email().value();
        e.name = m.name();
        e.status = m.status().name();
        e.roles = rolesColumn(m.roles());
        e.owner = m.owner();
        e.lastActiveAt = m.lastActiveAt() == null ? -1 : m.lastActiveAt().toEpochMilli();
        e.authMethod = m.authMethod();
        e.createdAt = m.createdAt().toEpochMilli();
        copy(m.invitation(), e);
    }

    static void copy(Invitation inv, MembershipEntity e) {
        e.invitedBy = inv == null || inv.invitedBy() == null ? null : inv.invitedBy().value();
        e.tokenHash = inv == null ? null : inv.tokenHash();
        e.invitationSentAt = inv == null ? null : millis(inv.sentAt());
        e.invitationExpiresAt = inv == null ? null : millis(inv.expiresAt());
        e.invitationSendCount = inv == null ? 0 : inv.sendCount();
        e.delivery = inv == null || inv.delivery() == null ? null : inv.delivery().name();
        e.deliveryError = inv == null ? null : inv.lastError();
    }

    static Membership toDomain(MembershipEntity e) {
        Invitation inv = e.invitationExpiresAt == null ? null : new Invitation(e.tokenHash, instant(e.invitationSentAt),
                instant(e.invitationExpiresAt), e.invitationSendCount, e.invitedBy == null ? null : new MemberId(e.invitedBy),
                e.delivery == null ? null : Invitation.Delivery.valueOf(e.delivery), e.deliveryError);
        return Membership.reload(new MemberId(e.id), new AccountId(e.accountId), new IdentityId(e.userId),
                new EmailAddress(e.email), e.name, MemberStatus.valueOf(e.status), roles(e.roles), e.owner,
                e.lastActiveAt < 0 ? null : Instant.ofEpochMilli(e.lastActiveAt), e.authMethod, Instant.ofEpochMilli(e.createdAt), inv, e.version);
    }
}
