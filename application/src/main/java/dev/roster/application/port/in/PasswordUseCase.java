package dev.roster.application.port.in;

import dev.roster.domain.identity.IdentityId;

/** Use case: a forgotten password is reset through the mailbox; a logged-in member changes their own. */
public interface PasswordUseCase {
    /** Mails a reset link if the email has a login with an active membership; the answer is the same for every email. */
    void requestReset(String email);

    /** Uses a reset link: sets the password, ends every session, clears the lockout. */
    void confirmReset(String token, String newPassword);

    /** Changes the caller's password after checking the current one; every other session ends. */
    void changeOwn(IdentityId caller, String sessionToken, String currentPassword, String newPassword);
}
