package dev.roster.application.port.in;

/** Unknown, used or expired sign-up confirmation link, or one for an email that has a login or an invitation meanwhile: one refusal for all. */
public final class SignupInvalidException extends UseCaseException {
    public SignupInvalidException() {
        super("This sign-up link is invalid or has expired, or this email already has a Roster login or an invitation. Sign up again to get a new link, or log in (or accept the invitation) and create the account from there.");
    }
}
