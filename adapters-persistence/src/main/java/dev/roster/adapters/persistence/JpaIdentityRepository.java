package dev.roster.adapters.persistence;

import dev.roster.application.port.out.IdentityRepository;
import dev.roster.domain.EmailAddress;
import dev.roster.domain.Exceptions.MemberExistsException;
import dev.roster.domain.Identity;
import dev.roster.domain.Ids.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;

/** JPA adapter of {@link IdentityRepository}. */
@ApplicationScoped
public class JpaIdentityRepository implements IdentityRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaIdentityRepository() {
    }

    JpaIdentityRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Identity identity) {
        IdentityEntity e = new IdentityEntity();
        Mappers.copy(identity, e);
        try {
            em.persist(e);
            em.flush();
        } catch (PersistenceException ex) {
            throw new MemberExistsException();
        }
    }

    @Override
    public Optional<Identity> find(UserId id) {
        return Optional.ofNullable(em.find(IdentityEntity.class, id.value())).map(Mappers::toDomain);
    }

    @Override
    public Optional<Identity> findByEmail(EmailAddress email) {
        return em.createQuery("SELECT i FROM IdentityEntity i WHERE i.email = :e", IdentityEntity.class)
                .setParameter("e", email.value()).getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public void update(Identity identity) {
        IdentityEntity e = em.find(IdentityEntity.class, identity.id().value());
        if (e != null) {
            Mappers.copy(identity, e);
        }
    }

    @Override
    public void delete(UserId id) {
        IdentityEntity e = em.find(IdentityEntity.class, id.value());
        if (e != null) {
            em.remove(e);
        }
    }
}
