package dev.roster.application.port.in;

import java.time.Instant;

/** Use case: log in with email and password; any failure is the one generic {@code login-failed}. */
public interface LoginUseCase {
    LoginResult login(LoginCommand command);

    /** Login input. */
    record LoginCommand(String email, String password) {
    }

    /** A new session token (shown once) and when it expires at the latest. */
    record LoginResult(String token, Instant expiresAt) {
    }
}
