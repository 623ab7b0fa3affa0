package dev.roster.domain.membership;

/** How a member proves who they are; a pending member has none yet. */
public enum AuthMethod {
    PASSWORD,
    /** Through the account's OpenID Connect provider only (issue 19). */
    SSO,
    /** Both: a Roster password and the account's provider. */
    PASSWORD_AND_SSO
}
