package dev.roster.adapters.persistence;

import dev.roster.application.port.out.InvitationRepository;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.invitation.InvitationId;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JPA adapter of {@link InvitationRepository}: a versioned row per invitation, updated optimistically. */
@ApplicationScoped
public class JpaInvitationRepository implements InvitationRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaInvitationRepository() {
    }

    JpaInvitationRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Invitation invitation) {
        InvitationEntity e = new InvitationEntity();
        Mappers.copy(invitation, e);
        em.persist(e);
    }

    @Override
    public Optional<Invitation> find(InvitationId id) {
        // refreshed: a concurrent accept or resend committed meanwhile is seen
        return em.createQuery("SELECT i FROM InvitationEntity i WHERE i.id = :id", InvitationEntity.class)
                .setParameter("id", id.value()).setHint("eclipselink.refresh", "true")
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public Optional<Invitation> findOpen(MemberId member) {
        // refreshed: what others committed since this transaction first read it (a concurrent resend or accept)
        return em.createQuery("SELECT i FROM InvitationEntity i WHERE i.memberId = :m AND i.acceptedAt IS NULL", InvitationEntity.class)
                .setParameter("m", member.value()).setHint("eclipselink.refresh", "true")
                .getResultStream().findFirst().map(Mappers::toDomain);
    }

    @Override
    public Map<MemberId, Invitation> findOpen(Collection<MemberId> members) {
        List<String> ids = members.stream().map(MemberId::value).toList();
        Map<MemberId, Invitation> out = new LinkedHashMap<>();
        em.createQuery("SELECT i FROM InvitationEntity i WHERE i.memberId IN :m AND i.acceptedAt IS NULL", InvitationEntity.class)
                .setParameter("m", ids).getResultStream().map(Mappers::toDomain).forEach(i -> out.put(i.memberId(), i));
        return out;
    }

    @Override
    public boolean update(Invitation invitation) {
        InvitationEntity e = em.find(InvitationEntity.class, invitation.id().value());
        if (e == null || e.version != invitation.version()) {
            return false;
        }
        Mappers.copy(invitation, e);
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

    @Override
    public void deleteOf(MemberId member) {
        // whatever version the relay left it at: the member is being removed
        em.createQuery("DELETE FROM InvitationEntity i WHERE i.memberId = :m").setParameter("m", member.value()).executeUpdate();
    }
}
