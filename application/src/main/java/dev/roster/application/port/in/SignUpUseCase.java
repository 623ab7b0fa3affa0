package dev.roster.application.port.in;

import dev.roster.domain.account.Account;
import dev.roster.domain.identity.IdentityId;

/**
 * Use case: someone gets an account of their own. Anonymous sign-up is verified by email and never
 * tells whether the email already has a login; a logged-in identity creates more accounts directly.
 */
public interface SignUpUseCase {
    /**
     * Asks for an account. Only records the request: the mail relay decides later whether the email
     * gets a confirmation link (a new email) or a notice without any link (it has a login), and drops
     * it when that mailbox got a sign-up mail moments ago. The caller cannot tell any of this apart
     * (same answer, same work). Nothing secret is stored: the password is chosen at confirmation.
     */
    void requestSignUp(SignUpCommand command);

    /**
     * Uses a confirmation link with the password chosen by whoever read the mail: the identity and the
     * account are created and the owner is ACTIVE. The password policy applies first (the link stays
     * usable after a refusal). An email that has an identity meanwhile (a login, or an invitation not
     * yet accepted) is refused like an invalid link: nothing is ever applied to an existing identity.
     */
    SignUpResult confirm(String token, String password);

    /** A logged-in identity creates one more account that it owns. */
    SignUpResult createAccount(IdentityId caller, String accountName);

    /** Sign-up input; validated by the service (email, names). No password: it is chosen at confirmation. */
    record SignUpCommand(String accountName, String email, String name) {
    }

    /** The new account and its owner's membership. */
    record SignUpResult(Account account, MemberDetails owner) {
    }
}
