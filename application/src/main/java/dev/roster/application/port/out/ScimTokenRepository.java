package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for an account's SCIM tokens (issue 20); only the token's SHA-256 ({@code TokenHash})
 * is stored. A revoked token is deleted, so it stops working with the next request.
 */
public interface ScimTokenRepository {
    void add(ScimToken token);

    /** The account's tokens, oldest first. */
    List<ScimToken> listOf(AccountId account);

    Optional<ScimToken> findByHash(String tokenHash);

    /** Deletes the account's token {@code id}; false when the account has no such token. */
    boolean delete(AccountId account, String id);

    /** Records a use at {@code at} unless one at or after {@code unlessSince} is already stored. */
    void touch(String id, Instant at, Instant unlessSince);

    /** A stored SCIM token; {@code lastUsedAt} null when never used. */
    record ScimToken(String id, AccountId account, String name, String tokenHash, Instant createdAt, Instant lastUsedAt) {
    }
}
