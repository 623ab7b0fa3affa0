package dev.roster.application.port.out;

import dev.roster.domain.account.Account;
import dev.roster.domain.account.AccountId;
import java.util.Optional;

/** Outgoing port for storing accounts. */
public interface AccountRepository {
    void add(Account account);

    Optional<Account> find(AccountId id);
}
