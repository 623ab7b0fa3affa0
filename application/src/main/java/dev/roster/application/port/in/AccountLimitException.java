package dev.roster.application.port.in;

/** The identity already owns as many accounts as {@code roster.accounts.max-per-identity} allows. */
public final class AccountLimitException extends UseCaseException {
    public AccountLimitException(int max) {
        super("You already own " + max + " accounts, the most one login may own on this server.");
    }
}
