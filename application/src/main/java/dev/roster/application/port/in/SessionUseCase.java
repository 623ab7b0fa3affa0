package dev.roster.application.port.in;

import dev.roster.domain.Ids.UserId;
import java.util.Optional;

/** Use case: resolve a bearer token to its identity (sliding the idle timeout) and log out. */
public interface SessionUseCase {
    Optional<UserId> authenticate(String token);

    void logout(String token);
}
