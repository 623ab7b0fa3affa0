package dev.roster.application.port.in;

import dev.roster.domain.identity.IdentityId;
import java.util.Optional;

/** Use case: resolve a bearer token to its identity (sliding the idle timeout) and log out. */
public interface SessionUseCase {
    Optional<IdentityId> authenticate(String token);

    /**
     * Like {@link #authenticate}, with how the session was established ({@code password} or
     * {@code sso:<accountId>}, issue 19).
     */
    Optional<Authenticated> resolve(String token);

    void logout(String token);

    /** A valid session's identity and how it was established. */
    record Authenticated(IdentityId user, String establishedBy) {
    }
}
