package dev.roster.application.service;

import dev.roster.application.port.in.BatchMembersUseCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Service for a batch of member actions: runs it in one transaction ({@link BatchMembersTransaction}),
 * which is rolled back whole on a dry run or when any operation is refused; the answer is the same
 * either way, only {@code applied} tells them apart.
 */
@ApplicationScoped
public class BatchMembersService implements BatchMembersUseCase {
    private BatchMembersTransaction transaction;

    protected BatchMembersService() {
    }

    @Inject
    public BatchMembersService(BatchMembersTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public BatchResult run(BatchCommand command) {
        try {
            return transaction.run(command);
        } catch (BatchMembersTransaction.NothingApplied rolledBack) {
            return rolledBack.result();
        }
    }
}
