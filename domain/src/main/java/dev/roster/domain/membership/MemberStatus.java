package dev.roster.domain.membership;

/** Lifecycle status of a membership: PENDING_INVITATION → ACTIVE ↔ INACTIVE. */
public enum MemberStatus {
    PENDING_INVITATION, ACTIVE, INACTIVE
}
