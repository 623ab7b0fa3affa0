package dev.roster.application.port.in;

import dev.roster.domain.identity.IdentityId;
import java.util.Optional;

/** Use case: resolve a bearer token to its identity (sliding the idle timeout) and log out. */
public interface SessionUseCase {
    Optional<IdentityId> authenticate(String token);

    void logout(String token);
}
