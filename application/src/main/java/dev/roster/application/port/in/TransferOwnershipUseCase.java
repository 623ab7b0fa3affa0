package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;

/**
 * Use case: the owner hands the account to an ACTIVE member, confirmed by re-typing that member's
 * email; the previous owner keeps the catalog's highest grantable role; both get a mail.
 */
public interface TransferOwnershipUseCase {
    /** Returns the new owner as stored. */
    MemberDetails transfer(TransferOwnershipCommand command);

    /** {@code confirmEmail} is the new owner's email as the owner typed it (null when missing). */
    record TransferOwnershipCommand(IdentityId actor, AccountId account, MemberId newOwner, String confirmEmail) {
    }
}
