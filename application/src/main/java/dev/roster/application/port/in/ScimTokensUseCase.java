package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: an admin ({@code users:manage}) creates, lists and revokes the SCIM tokens of an account,
 * and the SCIM endpoint authenticates its callers with them (issue 20).
 */
public interface ScimTokensUseCase {
    List<TokenView> list(IdentityId actor, AccountId account);

    /** A new token named {@code name}; its secret is in the answer and nowhere else. */
    CreatedToken create(IdentityId actor, AccountId account, String name);

    void revoke(IdentityId actor, AccountId account, String tokenId);

    /**
     * The caller a raw token stands for, when it is a live token of {@code account}; empty for an
     * unknown, revoked or other account's token (one answer for all three).
     */
    Optional<ScimCaller> authenticate(AccountId account, String rawToken);

    /** A token as listed (never its secret). */
    record TokenView(String id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    /** A token just created, with its secret. */
    record CreatedToken(String id, String name, String token, Instant createdAt) {
    }
}
