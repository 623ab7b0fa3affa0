package dev.roster.application.port;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import java.time.Instant;

/**
 * What SCIM keeps about a member an identity provider provisions (issue 20): the provider's
 * {@code externalId} and the name parts it sent; every text may be null. Shared by the SCIM use case
 * and its repository (a value type both sides need lives here: ADR 0044).
 */
public record ScimLink(MemberId member, AccountId account, String externalId, String givenName, String familyName,
                       Instant provisionedAt) {
}
