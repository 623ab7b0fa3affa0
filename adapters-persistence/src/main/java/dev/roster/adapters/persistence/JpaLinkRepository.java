package dev.roster.adapters.persistence;

import dev.roster.application.port.out.LinkRepository;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Comparator;
import java.util.Optional;

/**
 * JPA adapter of {@link LinkRepository}: a versioned row per link, changed only by an optimistic
 * update of that row (ADR 0065), never by a bulk statement.
 */
@ApplicationScoped
public class JpaLinkRepository implements LinkRepository {
    /** Links of one purpose and subject issued at the same millisecond that {@link #latest} looks at. */
    private static final int TIES = 4;

    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaLinkRepository() {
    }

    JpaLinkRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(SingleUseLink link) {
        SingleUseLinkEntity e = new SingleUseLinkEntity();
        Mappers.copy(link, e);
        em.persist(e);
    }

    @Override
    public Optional<SingleUseLink> findByTokenHash(String tokenHash) {
        // refreshed: a caller asking again within its transaction must see what others committed meanwhile
        return em.createQuery("SELECT l FROM SingleUseLinkEntity l WHERE l.tokenHash = :h", SingleUseLinkEntity.class)
                .setParameter("h", tokenHash).setHint("eclipselink.refresh", "true")
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public Optional<SingleUseLink> latest(LinkPurpose purpose, String subject) {
        // the newest few, refreshed; of those issued at the same millisecond as the newest, an open one
        var newest = em.createQuery("SELECT l FROM SingleUseLinkEntity l WHERE l.purpose = :p AND l.subjectId = :s "
                        + "ORDER BY l.issuedAt DESC", SingleUseLinkEntity.class)
                .setParameter("p", purpose.name()).setParameter("s", subject).setHint("eclipselink.refresh", "true")
                .setMaxResults(TIES).getResultList().stream().map(Mappers::toDomain).toList();
        return newest.stream().max(Comparator.comparing(SingleUseLink::issuedAt).thenComparing(SingleUseLink::open));
    }

    @Override
    public boolean update(SingleUseLink link) {
        SingleUseLinkEntity e = em.find(SingleUseLinkEntity.class, link.id());
        if (e == null || e.version != link.version()) {
            return false;
        }
        Mappers.copy(link, e);
        try {
            em.flush();
            return true;
        } catch (PersistenceException ex) {
            if (SqlErrors.concurrentUpdate(ex)) {
                return false;
            }
            throw ex;
        }
    }
}
