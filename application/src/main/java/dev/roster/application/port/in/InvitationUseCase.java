package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import java.time.Instant;

/** Use case: look at an invitation link without consuming it, and accept it. */
public interface InvitationUseCase {
    InvitationView lookup(String token);

    Accepted accept(AcceptCommand command);

    /** What the accept page shows. */
    record InvitationView(String email, String accountName, String invitedBy, Instant expiresAt) {
    }

    /** Accept input; {@code name} optional. */
    record AcceptCommand(String token, String password, String name) {
    }

    /** The member that became ACTIVE. */
    record Accepted(String email, AccountId accountId) {
    }
}
