package dev.roster.application.sso;

import dev.roster.application.port.out.SsoRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of {@link SsoRepository}. */
final class InMemorySsoRepository implements SsoRepository {
    final Map<AccountId, SsoConfig> configs = new LinkedHashMap<>();
    final Map<AccountId, List<ClaimedDomain>> domains = new LinkedHashMap<>();
    final Map<String, Flow> flows = new LinkedHashMap<>();
    final Map<String, Grant> codes = new LinkedHashMap<>();
    final Map<String, IdentityId> links = new LinkedHashMap<>();

    @Override
    public synchronized Optional<SsoConfig> find(AccountId account) {
        return Optional.ofNullable(configs.get(account));
    }

    @Override
    public synchronized void save(SsoConfig config) {
        configs.put(config.account(), config);
    }

    @Override
    public synchronized void delete(AccountId account) {
        configs.remove(account);
        domains.remove(account);
        links.keySet().removeIf(k -> k.startsWith(account.value() + "\n"));
    }

    @Override
    public synchronized List<ClaimedDomain> domains(AccountId account) {
        return List.copyOf(domains.getOrDefault(account, List.of()));
    }

    @Override
    public synchronized void setDomains(AccountId account, List<ClaimedDomain> list) {
        domains.put(account, new ArrayList<>(list));
    }

    @Override
    public synchronized Optional<AccountId> ownerOfVerifiedDomain(String domain) {
        return domains.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(d -> d.verified() && d.domain().equals(domain)))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized void addFlow(Flow flow) {
        flows.put(flow.stateHash(), flow);
    }

    @Override
    public synchronized Optional<Flow> takeFlow(String stateHash) {
        return Optional.ofNullable(flows.remove(stateHash));
    }

    @Override
    public synchronized void addCode(Grant grant) {
        codes.put(grant.codeHash(), grant);
    }

    @Override
    public synchronized Optional<Grant> takeCode(String codeHash) {
        return Optional.ofNullable(codes.remove(codeHash));
    }

    private static String key(AccountId a, String issuer, String subject) {
        return a.value() + "\n" + issuer + "\n" + subject;
    }

    @Override
    public synchronized Optional<IdentityId> linkedIdentity(AccountId account, String issuer, String subject) {
        return Optional.ofNullable(links.get(key(account, issuer, subject)));
    }

    @Override
    public synchronized boolean hasLink(AccountId account, String issuer, IdentityId identity) {
        return links.entrySet().stream().anyMatch(e -> e.getKey().startsWith(account.value() + "\n" + issuer + "\n")
                && e.getValue().equals(identity));
    }

    @Override
    public synchronized void link(AccountId account, String issuer, String subject, IdentityId identity, Instant at) {
        links.put(key(account, issuer, subject), identity);
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = flows.size() + codes.size();
        flows.values().removeIf(f -> !now.isBefore(f.expiresAt()));
        codes.values().removeIf(g -> !now.isBefore(g.expiresAt()));
        return before - flows.size() - codes.size();
    }
}
