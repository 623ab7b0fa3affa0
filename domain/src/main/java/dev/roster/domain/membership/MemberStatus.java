package dev.roster.domain.membership;

/** Lifecycle status of a membership. */
public enum MemberStatus {
    PENDING_INVITATION, ACTIVE, INACTIVE
}
