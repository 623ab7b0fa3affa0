package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.TransferOwnershipUseCase;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.OutboxRepository;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerOnlyException;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Service for an ownership transfer (issue 22). Only the owner is told anything about the target
 * (anyone else is refused before the target is looked at); the re-typed email is checked once the
 * transfer is otherwise allowed (as for a removal, ADR 0003). Both memberships are stored over the
 * versions read, so a concurrent change of either (a deactivation, another transfer) makes one of the
 * two requests fail whole; a concurrent removal of the new owner either commits first (and this
 * transfer finds the member gone: stale) or finds the member an owner and is refused by the store
 * ({@link MembershipRepository#delete}): the account is never left without an owner (ADR 0058).
 */
@ApplicationScoped
@Transactional
public class TransferOwnershipService implements TransferOwnershipUseCase {
    private MembershipRepository memberships;
    private OutboxRepository outbox;
    private MemberReads reads;
    private RosterSettings settings;
    private AuditTrail audit;
    private Clock clock;

    protected TransferOwnershipService() {
    }

    @Inject
    public TransferOwnershipService(MembershipRepository memberships, OutboxRepository outbox, MemberReads reads,
                                    RosterSettings settings, AuditTrail audit, Clock clock) {
        this.memberships = memberships;
        this.outbox = outbox;
        this.reads = reads;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public MemberDetails transfer(TransferOwnershipCommand c) {
        RoleCatalog catalog = settings.catalog();
        Membership owner = Callers.activeMember(memberships, clock, c.actor(), c.account());
        if (!owner.owner()) {
            throw new OwnerOnlyException();
        }
        Membership successor = Callers.target(memberships, c.account(), c.newOwner());
        owner.transferOwnershipTo(successor, catalog);
        if (c.confirmEmail() == null || c.confirmEmail().isBlank()) {
            throw new ConfirmationRequiredException(
                    "Confirm the transfer by sending the new owner's email as confirmEmail.");
        }
        if (!c.confirmEmail().strip().equalsIgnoreCase(successor.email().value())) {
            throw new ConfirmationMismatchException("confirmEmail does not match the new owner's email.");
        }
        // the two rows in id order, the order in which a batch locks rows too (ADR 0059)
        boolean successorFirst = successor.id().value().compareTo(owner.id().value()) < 0;
        memberships.update(successorFirst ? successor : owner);
        memberships.update(successorFirst ? owner : successor);
        audit.record(owner, successor, successor.pullEvents());
        Instant now = clock.instant();
        outbox.enqueue(MailKind.OWNERSHIP_RECEIVED, successor.id().value(), c.account(), owner.name().value(),
                owner.identityId(), now);
        outbox.enqueue(MailKind.OWNERSHIP_HANDED_OVER, owner.id().value(), c.account(), successor.name().value(),
                owner.identityId(), now);
        return reads.of(Callers.target(memberships, c.account(), c.newOwner()));
    }
}
