package dev.roster.application.port.out;

import dev.roster.domain.Account;
import dev.roster.domain.Ids.AccountId;
import java.util.Optional;

/** Outgoing port for storing accounts. */
public interface AccountRepository {
    void add(Account account);

    Optional<Account> find(AccountId id);
}
