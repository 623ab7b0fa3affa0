package dev.roster.application.port.out;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for the account's events (issue 21): written in the transaction of the change they
 * describe, read oldest first by position (the feed's keyset cursor).
 */
public interface EventRepository {
    void append(AccountEvent event);

    /** Up to {@code limit} events of the account with a position above {@code afterPosition}, oldest first. */
    List<AccountEvent> after(AccountId account, long afterPosition, int limit);

    Optional<AccountEvent> find(AccountId account, String eventId);
}
