package dev.roster.adapters.persistence;

import dev.roster.application.port.out.MemberReadModel;
import dev.roster.application.port.out.MembershipRepository.MemberQuery;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JPA adapter of {@link MemberReadModel}: a member, or a page's members, with the open invitation of
 * the pending ones, its open link and the newest of their invitation mails, in one query (a page also needs its ids
 * from the index first). The identity row is not read: a view shows nothing of it.
 */
@ApplicationScoped
public class JpaMemberReadModel implements MemberReadModel {
    /**
     * The membership, its open invitation (pending members only), that invitation's open link (ADR 0065:
     * at most one; none until the relay mailed it) and its live mails.
     */
    private static final String ROWS = "SELECT m, i, o, s.memberId, l FROM MembershipEntity m"
            + " LEFT JOIN InvitationEntity i ON i.memberId = m.id AND i.acceptedAt IS NULL"
            + " LEFT JOIN SingleUseLinkEntity l ON l.subjectId = i.id AND l.purpose = 'INVITATION'"
            + " AND l.usedAt IS NULL AND l.revokedAt IS NULL"
            + " LEFT JOIN OutboxEntity o ON o.memberId = i.memberId AND o.kind = 'INVITATION' AND o.status <> 'CANCELLED'"
            + " LEFT JOIN ScimMemberEntity s ON s.memberId = m.id";

    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaMemberReadModel() {
    }

    JpaMemberReadModel(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<MemberRow> find(AccountId account, MemberId id) {
        List<Object[]> r = em.createQuery(ROWS + " WHERE m.id = :id AND m.accountId = :a", Object[].class)
                .setParameter("id", id.value()).setParameter("a", account.value()).getResultList();
        return rows(r).values().stream().findFirst();
    }

    @Override
    public List<MemberRow> page(AccountId account, MemberQuery query) {
        List<String> ids = JpaMembershipRepository.pageIds(em, account, query);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, MemberRow> byId = rows(em.createQuery(ROWS + " WHERE m.id IN :ids", Object[].class)
                .setParameter("ids", ids).getResultList());
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** One row per membership: several mails of one invitation come as several result rows; the newest counts. */
    private static Map<String, MemberRow> rows(List<Object[]> result) {
        Map<String, MembershipEntity> members = new LinkedHashMap<>();
        Map<String, InvitationEntity> invitations = new HashMap<>();
        Map<String, SingleUseLinkEntity> links = new HashMap<>();
        Map<String, OutboxEntity> newest = new HashMap<>();
        java.util.Set<String> provisioned = new java.util.HashSet<>();
        for (Object[] r : result) {
            MembershipEntity m = (MembershipEntity) r[0];
            members.putIfAbsent(m.id, m);
            if (r[1] instanceof InvitationEntity i) {
                invitations.putIfAbsent(m.id, i);
            }
            if (r[4] instanceof SingleUseLinkEntity l) {
                // one open link per invitation; should two ever meet, the later window shows
                links.merge(m.id, l, (a, b) -> b.issuedAt > a.issuedAt ? b : a);
            }
            if (r[3] != null) {
                provisioned.add(m.id);
            }
            if (r[2] instanceof OutboxEntity o) {
                newest.merge(m.id, o, (a, b) -> b.createdAt > a.createdAt ? b : a);
            }
        }
        Map<String, MemberRow> out = new LinkedHashMap<>();
        members.forEach((id, m) -> {
            InvitationEntity i = invitations.get(id);
            SingleUseLinkEntity l = links.get(id);
            OutboxEntity o = newest.get(id);
            out.put(id, new MemberRow(Mappers.toDomain(m), Mappers.activity(m.lastActiveAt),
                    i == null ? null : Mappers.toDomain(i), l == null ? null : Mappers.toDomain(l), o == null ? null : JpaOutboxRepository.delivery(o), provisioned.contains(id)));
        });
        return out;
    }
}
