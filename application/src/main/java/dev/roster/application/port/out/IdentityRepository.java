package dev.roster.application.port.out;

import dev.roster.domain.EmailAddress;
import dev.roster.domain.Identity;
import dev.roster.domain.Ids.UserId;
import java.util.Optional;

/** Outgoing port for identities (one per email across all accounts). */
public interface IdentityRepository {
    void add(Identity identity);

    Optional<Identity> find(UserId id);

    Optional<Identity> findByEmail(EmailAddress email);

    /** Stores the changed state of a loaded identity. */
    void update(Identity identity);

    void delete(UserId id);
}
