package dev.roster.application.port.in;

import dev.roster.domain.Account;
import dev.roster.domain.Membership;

/** Use case: someone creates an account and becomes its ACTIVE owner. */
public interface SignUpUseCase {
    SignUpResult signUp(SignUpCommand command);

    /** Sign-up input; validated by the service (email, names, password policy). */
    record SignUpCommand(String accountName, String email, String name, String password) {
    }

    /** The new account and its owner's membership. */
    record SignUpResult(Account account, Membership owner) {
    }
}
