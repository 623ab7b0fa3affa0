package dev.roster.application.port.in;

import dev.roster.domain.account.Account;
import dev.roster.domain.identity.IdentityId;

/**
 * Use case: someone gets an account of their own. Anonymous sign-up is verified by email and never
 * tells whether the email already has a login; a logged-in identity creates more accounts directly.
 */
public interface SignUpUseCase {
    /**
     * Asks for an account. A new email gets a confirmation link; an email that already has a login gets
     * a notice without any link. The caller cannot tell the two apart (same answer, same work).
     */
    void requestSignUp(SignUpCommand command);

    /** Uses a confirmation link: the account is created and its owner is ACTIVE. */
    SignUpResult confirm(String token);

    /** A logged-in identity creates one more account that it owns. */
    SignUpResult createAccount(IdentityId caller, String accountName);

    /** Sign-up input; validated by the service (email, names, password policy). */
    record SignUpCommand(String accountName, String email, String name, String password) {
    }

    /** The new account and its owner's membership. */
    record SignUpResult(Account account, MemberDetails owner) {
    }
}
