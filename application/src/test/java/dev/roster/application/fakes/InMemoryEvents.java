package dev.roster.application.fakes;

import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link EventRepository} (issue 21). */
public final class InMemoryEvents implements EventRepository {
    public final List<AccountEvent> rows = new ArrayList<>();

    @Override
    public synchronized void append(AccountEvent event) {
        if (rows.stream().anyMatch(e -> e.accountId().equals(event.accountId()) && e.position() == event.position())) {
            throw new IllegalStateException("position taken: " + event.position());
        }
        rows.add(event);
    }

    @Override
    public synchronized List<AccountEvent> after(AccountId account, long afterPosition, int limit) {
        return rows.stream().filter(e -> e.accountId().equals(account.value()) && e.position() > afterPosition)
                .sorted(Comparator.comparingLong(AccountEvent::position)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<AccountEvent> find(AccountId account, String eventId) {
        return rows.stream().filter(e -> e.accountId().equals(account.value()) && e.id().equals(eventId)).findFirst();
    }

    /** Every event of the account, oldest first. */
    public synchronized List<AccountEvent> of(AccountId account) {
        return after(account, 0, Integer.MAX_VALUE);
    }
}
