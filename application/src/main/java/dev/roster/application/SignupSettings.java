package dev.roster.application;

/**
 * Limits that keep one identity from turning Roster into a mail cannon (issue 17, slice signup), read at
 * start-up by the bootstrap module: {@code roster.accounts.max-per-identity} (accounts an identity may
 * own) and {@code roster.invitations.per-identity-per-hour} (invitation mails one identity may cause in
 * any hour, across all of its accounts).
 */
public record SignupSettings(int maxAccountsPerIdentity, int invitationsPerIdentityPerHour) {
    public static final SignupSettings DEFAULTS = new SignupSettings(20, 200);

    public SignupSettings {
        if (maxAccountsPerIdentity < 1 || invitationsPerIdentityPerHour < 1) {
            throw new IllegalArgumentException("roster.accounts.max-per-identity and "
                    + "roster.invitations.per-identity-per-hour must be at least 1");
        }
    }
}
