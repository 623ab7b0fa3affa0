package dev.roster.adapters.persistence;

import dev.roster.application.port.ScimLink;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JPA adapter of {@link ScimLinkRepository}. */
@ApplicationScoped
public class JpaScimLinkRepository implements ScimLinkRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaScimLinkRepository() {
    }

    JpaScimLinkRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void save(ScimLink link) {
        ScimMemberEntity e = em.find(ScimMemberEntity.class, link.member().value());
        boolean fresh = e == null;
        if (fresh) {
            e = new ScimMemberEntity();
            e.memberId = link.member().value();
        }
        e.accountId = link.account().value();
        e.externalId = link.externalId();
        e.givenName = link.givenName();
        e.familyName = link.familyName();
        e.provisionedAt = link.provisionedAt().toEpochMilli();
        if (fresh) {
            em.persist(e);
        }
        em.flush();
    }

    @Override
    public Optional<ScimLink> find(MemberId member) {
        return Optional.ofNullable(em.find(ScimMemberEntity.class, member.value())).map(JpaScimLinkRepository::toLink);
    }

    @Override
    public Map<MemberId, ScimLink> findAll(AccountId account) {
        Map<MemberId, ScimLink> out = new LinkedHashMap<>();
        em.createQuery("SELECT s FROM ScimMemberEntity s WHERE s.accountId = :a", ScimMemberEntity.class)
                .setParameter("a", account.value()).getResultList()
                .forEach(e -> out.put(new MemberId(e.memberId), toLink(e)));
        return out;
    }

    @Override
    public void delete(MemberId member) {
        em.createQuery("DELETE FROM ScimMemberEntity s WHERE s.memberId = :m").setParameter("m", member.value())
                .executeUpdate();
    }

    @Override
    public Set<MemberId> provisioned(Collection<MemberId> members) {
        if (members.isEmpty()) {
            return Set.of();
        }
        Set<MemberId> out = new HashSet<>();
        em.createQuery("SELECT s.memberId FROM ScimMemberEntity s WHERE s.memberId IN :ids", String.class)
                .setParameter("ids", members.stream().map(MemberId::value).toList()).getResultList()
                .forEach(id -> out.add(new MemberId(id)));
        return out;
    }

    private static ScimLink toLink(ScimMemberEntity e) {
        return new ScimLink(new MemberId(e.memberId), new AccountId(e.accountId), e.externalId, e.givenName, e.familyName,
                Instant.ofEpochMilli(e.provisionedAt));
    }
}
