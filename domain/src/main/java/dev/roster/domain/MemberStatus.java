package dev.roster.domain;

/** Lifecycle status of a membership. */
public enum MemberStatus {
    PENDING_INVITATION, ACTIVE, INACTIVE
}
