package dev.roster.application.service;

import dev.roster.application.port.in.InviteMemberUseCase;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.out.IdentityRepository.EmailTakenException;
import dev.roster.application.port.in.Input;
import dev.roster.domain.account.AccountId;
import dev.roster.domain.identity.IdentityId;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Service for inviting a person. When two accounts invite the same new email at the same moment, both
 * try to create its identity and the database lets one win; the other's transaction is rolled back
 * and run again, and then finds the identity (so both invitations succeed).
 */
@ApplicationScoped
public class InviteMemberService implements InviteMemberUseCase {
    static final int ATTEMPTS = 3;

    private InviteMemberTransaction transaction;

    protected InviteMemberService() {
    }

    @Inject
    public InviteMemberService(InviteMemberTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public MemberDetails invite(InviteMemberCommand command) {
        return retried(() -> transaction.invite(command));
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public MemberDetails invite(Supplier<IdentityId> caller, AccountId account, Input<InviteMemberCommand> input) {
        // a retry runs in a new transaction and reads the caller's membership there: the row the first
        // attempt's session lookup brought (issue 18) is not reused past that attempt's rollback
        Supplier<IdentityId> again = caller::get;
        boolean[] first = {true};
        return retried(() -> {
            Supplier<IdentityId> who = first[0] ? caller : again;
            first[0] = false;
            return transaction.invite(who, account, input);
        });
    }

    private static MemberDetails retried(Supplier<MemberDetails> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (EmailTakenException e) {
                if (n == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
