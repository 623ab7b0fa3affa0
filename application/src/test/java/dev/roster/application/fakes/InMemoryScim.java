package dev.roster.application.fakes;

import dev.roster.application.port.ScimLink;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.out.ScimTokenRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory fakes of the SCIM ports (issue 20), beside {@link InMemoryStore}: its membership rows decide
 * which links still exist (in the database the link goes with the membership).
 */
public final class InMemoryScim {
    private final InMemoryStore store;
    public final Map<String, ScimTokenRepository.ScimToken> tokenRows = new LinkedHashMap<>();
    public final Map<MemberId, dev.roster.application.port.ScimLink> linkRows = new LinkedHashMap<>();

    public InMemoryScim(InMemoryStore store) {
        this.store = store;
    }

    public final ScimTokenRepository tokens = new ScimTokenRepository() {
        @Override
        public synchronized void add(ScimToken token) {
            if (tokenRows.values().stream().anyMatch(t -> t.tokenHash().equals(token.tokenHash()))) {
                throw new IllegalStateException("token hash taken");
            }
            tokenRows.put(token.id(), token);
        }

        @Override
        public synchronized List<ScimToken> listOf(AccountId account) {
            return tokenRows.values().stream().filter(t -> t.account().equals(account))
                    .sorted(Comparator.comparing(ScimToken::createdAt).thenComparing(ScimToken::id)).toList();
        }

        @Override
        public synchronized Optional<ScimToken> findByHash(String tokenHash) {
            return tokenRows.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
        }

        @Override
        public synchronized boolean delete(AccountId account, String id) {
            ScimToken t = tokenRows.get(id);
            if (t == null || !t.account().equals(account)) {
                return false;
            }
            tokenRows.remove(id);
            return true;
        }

        @Override
        public synchronized void touch(String id, Instant at, Instant unlessSince) {
            ScimToken t = tokenRows.get(id);
            if (t != null && (t.lastUsedAt() == null || t.lastUsedAt().isBefore(unlessSince))) {
                tokenRows.put(id, new ScimToken(t.id(), t.account(), t.name(), t.tokenHash(), t.createdAt(), at));
            }
        }
    };

    public final ScimLinkRepository links = new ScimLinkRepository() {
        private void dropOrphans() {
            linkRows.keySet().removeIf(id -> !store.memberRows.containsKey(id));
        }

        @Override
        public synchronized void save(ScimLink link) {
            if (!store.memberRows.containsKey(link.member())) {
                throw new IllegalStateException("no such membership: " + link.member());
            }
            linkRows.put(link.member(), link);
        }

        @Override
        public synchronized Optional<ScimLink> find(MemberId member) {
            dropOrphans();
            return Optional.ofNullable(linkRows.get(member));
        }

        @Override
        public synchronized Map<MemberId, ScimLink> findAll(AccountId account) {
            dropOrphans();
            Map<MemberId, ScimLink> out = new LinkedHashMap<>();
            linkRows.forEach((k, v) -> {
                if (v.account().equals(account)) {
                    out.put(k, v);
                }
            });
            return out;
        }

        @Override
        public synchronized void delete(MemberId member) {
            linkRows.remove(member);
        }

        @Override
        public synchronized java.util.Set<MemberId> provisioned(java.util.Collection<MemberId> members) {
            dropOrphans();
            java.util.Set<MemberId> out = new java.util.HashSet<>(members);
            out.retainAll(linkRows.keySet());
            return out;
        }
    };
}
