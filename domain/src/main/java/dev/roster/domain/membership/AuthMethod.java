package dev.roster.domain.membership;

/** How a member proves who they are; a pending member has none yet. */
public enum AuthMethod {
    PASSWORD
}
