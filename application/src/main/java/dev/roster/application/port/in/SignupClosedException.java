package dev.roster.application.port.in;

/** Anonymous sign-up is switched off on this server. */
public final class SignupClosedException extends UseCaseException {
    public SignupClosedException() {
        super("Sign-up is disabled on this server.");
    }
}
