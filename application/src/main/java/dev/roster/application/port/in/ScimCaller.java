package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;

/** Who calls the SCIM endpoint: a token of one account, by its id and the name an admin gave it. */
public record ScimCaller(String tokenId, AccountId account, String tokenName) {
}
