package dev.roster.application.service;

import dev.roster.application.RosterSettings;
import dev.roster.application.port.in.BatchMembersUseCase.Action;
import dev.roster.application.port.in.BatchMembersUseCase.BatchCommand;
import dev.roster.application.port.in.BatchMembersUseCase.BatchResult;
import dev.roster.application.port.in.BatchMembersUseCase.Operation;
import dev.roster.application.port.in.BatchMembersUseCase.Outcome;
import dev.roster.application.port.in.ChangeMemberUseCase;
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.RemoveMemberUseCase;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.ResendInvitationUseCase;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.InvitationRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.common.DomainException;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.invitation.Invitation;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.NotPendingException;
import dev.roster.domain.role.Permission;
import dev.roster.domain.role.RoleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction of a batch (ADR 0059). First the rows it will change are locked ({@link #lock}),
 * then every operation is judged, without storing anything,
 * by the domain verbs and checks its one-by-one use case runs (permission, self, owner, peer rule,
 * status, pending invitation, resend cooldown and caps, re-typed email). Only when every one is allowed
 * and it is not a dry run are they applied, each through its one-by-one use case in this transaction
 * (so the audit entry, the sessions that end, the outbox row and the optimistic version check are
 * theirs); a deactivation or activation is stored over the version judged. If applying one is refused
 * after all (a concurrent change between judging and applying, or the mail caps counting this batch's
 * own resends), {@link NothingApplied} rolls back the whole transaction.
 */
@ApplicationScoped
@Transactional(rollbackOn = BatchMembersTransaction.NothingApplied.class)
public class BatchMembersTransaction {
    private MembershipRepository memberships;
    private IdentityRepository identities;
    private InvitationRepository invitations;
    private InvitationLimits limits;
    private RosterSettings settings;
    private Clock clock;
    private ChangeMemberUseCase changeMember;
    private RemoveMemberUseCase removeMember;
    private ResendInvitationUseCase resendInvitation;

    protected BatchMembersTransaction() {
    }

    @Inject
    public BatchMembersTransaction(MembershipRepository memberships, IdentityRepository identities,
                                   InvitationRepository invitations,
                                   InvitationLimits limits, RosterSettings settings, Clock clock,
                                   ChangeMemberUseCase changeMember, RemoveMemberUseCase removeMember,
                                   ResendInvitationUseCase resendInvitation) {
        this.memberships = memberships;
        this.identities = identities;
        this.invitations = invitations;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.changeMember = changeMember;
        this.removeMember = removeMember;
        this.resendInvitation = resendInvitation;
    }

    /** Thrown to roll the transaction back (a checked exception: no refusal a client sees); carries the answer. */
    static final class NothingApplied extends Exception {
        private final transient BatchResult result;

        NothingApplied(BatchResult result) {
            super("batch not applied", null, false, false);
            this.result = result;
        }

        BatchResult result() {
            return result;
        }
    }

    public BatchResult run(BatchCommand c) throws NothingApplied {
        RoleCatalog catalog = settings.catalog();
        Membership actor = Callers.activeMember(memberships, clock, c.actor(), c.account());
        actor.require(Permission.USERS_MANAGE, catalog);
        Instant now = clock.instant();
        Map<MemberId, Membership> locked = lock(c);
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (Operation op : c.operations()) {
            RuntimeException refusal = null;
            long version = -1;
            try {
                Membership target = locked.get(op.member());
                if (target == null) {
                    throw new NotFoundException("Member");
                }
                version = target.version();
                judge(actor, target, op, catalog, now);
            } catch (DomainException | UseCaseException refused) {
                refusal = refused;
            }
            outcomes.add(new Outcome(op.member(), op.action(), refusal));
            versions.add(version);
        }
        if (c.dryRun() || outcomes.stream().anyMatch(o -> !o.ok())) {
            throw new NothingApplied(new BatchResult(false, outcomes));
        }
        for (int i = 0; i < c.operations().size(); i++) {
            try {
                apply(c, c.operations().get(i), versions.get(i));
            } catch (DomainException | UseCaseException refused) {
                List<Outcome> after = new ArrayList<>(outcomes);
                after.set(i, new Outcome(outcomes.get(i).member(), outcomes.get(i).action(), refused));
                throw new NothingApplied(new BatchResult(false, after));
            }
        }
        return new BatchResult(true, outcomes);
    }

    /**
     * Locks what the batch will change, in the order every single request takes the same locks (ADR
     * 0059): the identities of the members to remove (by email, as a removal and an acceptance do), then
     * the members' rows (by id); the audit chain's head comes last, when the first entry is written. So
     * a single edit or removal of one of these members either commits before the batch reads its row or
     * waits for the batch, and never holds a row the batch waits for while waiting for the batch itself.
     */
    private Map<MemberId, Membership> lock(BatchCommand c) {
        List<EmailAddress> removed = new ArrayList<>();
        for (Operation op : c.operations()) {
            if (op.action() == Action.REMOVE) {
                memberships.find(c.account(), op.member()).ifPresent(m -> removed.add(m.email()));
            }
        }
        removed.stream().map(EmailAddress::value).distinct().sorted()
                .forEach(e -> identities.findByEmailForUpdate(new EmailAddress(e)));
        Map<MemberId, Membership> out = new HashMap<>();
        memberships.lockAll(c.account(), c.operations().stream().map(Operation::member).toList())
                .forEach(m -> out.put(m.id(), m));
        return out;
    }

    /** The checks of the one-by-one use case, on a copy that is not stored. */
    private void judge(Membership actor, Membership target, Operation op, RoleCatalog catalog, Instant now) {
        switch (op.action()) {
            case DEACTIVATE -> target.deactivate(actor, catalog);
            case ACTIVATE -> target.activate(actor, catalog);
            case RESEND -> {
                target.reinvite(actor, catalog);
                Invitation open = invitations.findOpen(target.id()).orElseThrow(NotPendingException::new);
                limits.checkCooldown(open, now);
                limits.checkAccountCap(actor.accountId(), now);
                limits.checkSenderCap(actor.identityId(), now);
            }
            case REMOVE -> {
                target.authorizeRemoval(actor, catalog);
                if (op.confirmEmail() == null || op.confirmEmail().isBlank()) {
                    throw new ConfirmationRequiredException(
                            "Confirm the removal by sending the member's email as confirmEmail.");
                }
                if (!op.confirmEmail().strip().equalsIgnoreCase(target.email().value())) {
                    throw new ConfirmationMismatchException("confirmEmail does not match the member's email.");
                }
                target.remove(actor, catalog);
            }
        }
    }

    /** The one-by-one use case of the operation, joining this transaction. */
    private void apply(BatchCommand c, Operation op, long version) {
        switch (op.action()) {
            case DEACTIVATE, ACTIVATE -> changeMember.change(new ChangeMemberCommand(c.actor(), c.account(), op.member(),
                    version, null, null, op.action() == Action.DEACTIVATE ? MemberStatus.INACTIVE : MemberStatus.ACTIVE));
            case RESEND -> resendInvitation.resend(c.actor(), c.account(), op.member());
            case REMOVE -> removeMember.remove(new RemoveMemberCommand(c.actor(), c.account(), op.member(),
                    op.confirmEmail()));
        }
    }
}
