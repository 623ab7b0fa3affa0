package dev.roster.application.port.in;

/** The one answer to every failed login: unknown email, wrong password, pending, inactive, deleted or locked. */
public final class LoginFailedException extends UseCaseException {
    public static final String DETAIL = "Wrong email, password, or account is not activated.";

    public LoginFailedException() {
        super(DETAIL);
    }
}
