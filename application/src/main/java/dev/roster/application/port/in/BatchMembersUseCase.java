package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Use case: several member actions (deactivate, activate, resend, remove) at once, all or nothing. Every
 * operation is judged by the rules of its one-by-one use case; if any would be refused, or on a dry
 * run, nothing is applied and the answer says what would happen to each member.
 */
public interface BatchMembersUseCase {
    /** The most operations one batch may carry. */
    int MAX_OPERATIONS = 200;

    BatchResult run(BatchCommand command);

    /** What an operation does to its member; each is one of the one-by-one use cases. */
    enum Action {
        DEACTIVATE, ACTIVATE, RESEND, REMOVE
    }

    /** One member's action; {@code confirmEmail} (the member's email re-typed) is needed for REMOVE only. */
    record Operation(MemberId member, Action action, String confirmEmail) {
    }

    /** At least one and at most {@link #MAX_OPERATIONS} operations, each member at most once. */
    record BatchCommand(IdentityId actor, AccountId account, boolean dryRun, List<Operation> operations) {
        public BatchCommand {
            operations = List.copyOf(operations);
            if (operations.isEmpty()) {
                throw new InvalidValueException("operations", "Send at least one operation.");
            }
            if (operations.size() > MAX_OPERATIONS) {
                throw new InvalidValueException("operations", "At most " + MAX_OPERATIONS + " operations per batch.");
            }
            Set<MemberId> seen = new HashSet<>();
            for (Operation op : operations) {
                if (!seen.add(op.member())) {
                    throw new InvalidValueException("operations",
                            "Each member may appear once per batch; " + op.member().value() + " appears twice.");
                }
            }
        }
    }

    /** What happens (or would happen) to one member: {@code refusal} is null when the operation is allowed. */
    record Outcome(MemberId member, Action action, RuntimeException refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    /** Whether the batch was applied, and one outcome per operation in the order sent. */
    record BatchResult(boolean applied, List<Outcome> outcomes) {
        public BatchResult {
            outcomes = List.copyOf(outcomes);
        }
    }
}
