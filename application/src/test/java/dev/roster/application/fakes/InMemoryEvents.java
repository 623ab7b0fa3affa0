package dev.roster.application.fakes;

import dev.roster.application.port.out.EventRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.event.AccountEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory {@link EventRepository} (issue 21), with the JPA adapter's fan-out claim rules. */
public final class InMemoryEvents implements EventRepository {
    public final List<AccountEvent> rows = new ArrayList<>();
    /** The fan-out state of each event, by id. */
    private final Map<String, FanOut> fanOut = new HashMap<>();

    /** An event's fan-out state. */
    private static final class FanOut {
        boolean done;
        int attempts;
        Instant claimedUntil;
    }

    @Override
    public synchronized void append(AccountEvent event) {
        if (rows.stream().anyMatch(e -> e.accountId().equals(event.accountId()) && e.position() == event.position())) {
            throw new IllegalStateException("position taken: " + event.position());
        }
        rows.add(event);
        fanOut.put(event.id(), new FanOut());
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

    @Override
    public synchronized List<Claimed> claimUnfanned(Instant now, Duration lease, int max) {
        List<AccountEvent> candidates = rows.stream()
                .filter(e -> !fanOut.get(e.id()).done && free(fanOut.get(e.id()), now))
                .filter(e -> rows.stream().noneMatch(o -> o.accountId().equals(e.accountId()) && o.position() < e.position()
                        && !fanOut.get(o.id()).done && !free(fanOut.get(o.id()), now)))
                .sorted(Comparator.comparing(AccountEvent::accountId).thenComparingLong(AccountEvent::position)).limit(max).toList();
        List<Claimed> out = new ArrayList<>();
        for (AccountEvent e : candidates) {
            FanOut f = fanOut.get(e.id());
            f.attempts++;
            f.claimedUntil = now.plus(lease);
            out.add(new Claimed(e, f.claimedUntil));
        }
        return out;
    }

    private static boolean free(FanOut f, Instant now) {
        return f.claimedUntil == null || f.claimedUntil.isBefore(now);
    }

    @Override
    public synchronized boolean markFannedOut(Claimed claimed) {
        FanOut f = fanOut.get(claimed.event().id());
        if (f == null || f.done || !claimed.leaseUntil().equals(f.claimedUntil)) {
            return false;
        }
        f.done = true;
        f.claimedUntil = null;
        return true;
    }

    /** Whether the event was fanned out. */
    public synchronized boolean fannedOut(String eventId) {
        return fanOut.get(eventId).done;
    }
}
