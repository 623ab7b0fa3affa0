package dev.roster.application.port.out;

import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.invitation.InvitationId;
import dev.roster.domain.membership.MemberId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing port for invitations. Each has a version: {@link #update} stores a change only over the
 * version it was loaded with, which is what gives an invitation exactly one successful accept. Its link is a
 * single-use link ({@link LinkRepository}, purpose {@code INVITATION}).
 */
public interface InvitationRepository {
    void add(Invitation invitation);

    /** The invitation with this id (open or not): the subject of an invitation link (ADR 0065). */
    Optional<Invitation> find(InvitationId id);

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
