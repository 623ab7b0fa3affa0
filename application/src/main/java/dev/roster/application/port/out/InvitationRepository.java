package dev.roster.application.port.out;

import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing port for invitations. Each has a version: {@link #update} stores a change only over the
 * version it was loaded with, which is what gives a link exactly one successful accept.
 */
public interface InvitationRepository {
    void add(Invitation invitation);

    /** The invitation whose current link has this hash (open or not: the aggregate decides). */
    Optional<Invitation> findByTokenHash(String tokenHash);

    /** The open (not yet accepted) invitation of a pending member. */
    Optional<Invitation> findOpen(MemberId member);

    /** The open invitations of these members, by member. */
    Map<MemberId, Invitation> findOpen(Collection<MemberId> members);

    /**
     * Stores a changed invitation if nobody stored another change since it was loaded; returns false
     * (and stores nothing) when somebody did.
     */
    boolean update(Invitation invitation);

    /** Deletes every invitation of the member (when the member is removed). */
    void deleteOf(MemberId member);
}
