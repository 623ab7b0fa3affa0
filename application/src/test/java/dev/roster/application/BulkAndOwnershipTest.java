package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.BatchMembersUseCase.Action;
import dev.roster.application.port.in.BatchMembersUseCase.BatchCommand;
import dev.roster.application.port.in.BatchMembersUseCase.BatchResult;
import dev.roster.application.port.in.BatchMembersUseCase.Operation;
import dev.roster.application.port.in.ChangeMemberUseCase.ChangeMemberCommand;
import dev.roster.application.port.in.ConfirmationMismatchException;
import dev.roster.application.port.in.ConfirmationRequiredException;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.RemoveMemberUseCase.RemoveMemberCommand;
import dev.roster.application.port.in.SignUpUseCase.SignUpResult;
import dev.roster.application.port.in.TooManyRequestsException;
import dev.roster.application.port.in.TransferOwnershipUseCase.TransferOwnershipCommand;
import dev.roster.application.port.out.Mailer.OwnerChangedMail;
import dev.roster.application.port.out.OutboxRepository.MailKind;
import dev.roster.application.service.BatchMembersService;
import dev.roster.application.service.BatchMembersTransaction;
import dev.roster.application.service.InvitationLimits;
import dev.roster.application.service.MemberReads;
import dev.roster.application.service.TransferOwnershipService;
import dev.roster.domain.audit.AuditEvent;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.membership.OwnerOnlyException;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.membership.SelfActionException;
import dev.roster.domain.membership.SuccessorNotActiveException;
import dev.roster.domain.role.RoleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 22 over in-memory fakes: the ownership transfer and bulk member actions (all or nothing, dry run). */
class BulkAndOwnershipTest {
    static final String PW = "correct horse battery staple";

    TestWorld w;
    TransferOwnershipService owners;
    BatchMembersService batch;
    SignUpResult s;

    void world(String catalog) {
        w = new TestWorld(catalog);
        MemberReads reads = new MemberReads(w.store.memberViews, dev.roster.application.InvitationSettings.of(w.settings));
        owners = new TransferOwnershipService(w.store.memberships, w.store.outbox, reads, w.settings, w.auditor, w.clock);
        batch = new BatchMembersService(new BatchMembersTransaction(w.store.memberships, w.store.identities, w.store.invitations,
                new InvitationLimits(w.store.outbox, dev.roster.application.InvitationSettings.of(w.settings), w.signupSettings), w.settings, w.clock,
                w.members.changer(), w.members.remover(), w.members.resender()));
        s = w.signUp("Acme", "owner@example.com", "Olga Owner", PW);
    }

    IdentityId owner() {
        return s.owner().member().identityId();
    }

    MemberId invite(String email, String... roles) {
        return w.members.invite(new InviteMemberCommand(owner(), s.account().id(), email, "Ina Vitee", List.of(roles)))
                .member().id();
    }

    MemberId active(String email, String... roles) {
        MemberId id = invite(email, roles);
        w.delivery.deliverDue();
        w.invitations.accept(new AcceptCommand(w.mailer.tokenFor(email), PW + " " + Integer.toHexString(email.hashCode()), null));
        return id;
    }

    Membership stored(MemberId id) {
        return w.store.memberRows.get(id);
    }

    /** What a member looks like, and how many audit entries and mails exist: equal before and after means nothing changed. */
    Object snapshot() {
        return List.of(new ArrayList<>(w.store.memberRows.values().stream()
                        .map(m -> m.id().value() + m.status() + m.roles() + m.owner() + m.version()).sorted().toList()),
                w.store.auditRows.size(), w.store.outboxRows.size());
    }

    static Class<?> refusalOf(Runnable r) {
        RuntimeException e = catchThrowableOfType(RuntimeException.class, r::run);
        assertThat(e).as("a refusal").isNotNull();
        return e.getClass();
    }

    // ---- ownership ----

    @ParameterizedTest
    @ValueSource(strings = {"tiered", "cumulative"})
    void theOwnerHandsTheAccountToAnActiveMemberAndKeepsTheHighestGrantableRole(String catalog) {
        world(catalog);
        boolean tiered = catalog.equals("tiered");
        MemberId ina = active("ina@example.com", "VIEWER");
        MemberDetails now = owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), ina, " INA@example.com "));

        assertThat(now.member().owner()).isTrue();
        assertThat(now.member().roles()).isEqualTo(w.settings.catalog().ownerRoles());
        Membership before = stored(s.owner().member().id());
        assertThat(before.owner()).isFalse();
        assertThat(before.roles()).isEqualTo(RoleSet.of(tiered ? "ADMIN" : "ACCOUNT_TRUSTEE"));
        assertThat(w.store.memberRows.values().stream().filter(Membership::owner)).as("exactly one owner").hasSize(1);

        AuditEvent entry = w.store.auditRows.get(w.store.auditRows.size() - 1);
        assertThat(entry.action()).isEqualTo("owner_changed");
        assertThat(entry.actor().email()).isEqualTo("owner@example.com");
        assertThat(entry.target().email()).isEqualTo("ina@example.com");
        assertThat(entry.before()).containsEntry("owner", "owner@example.com");
        assertThat(entry.after()).containsEntry("owner", "ina@example.com")
                .containsEntry("previousOwnerRoles", List.of(tiered ? "ADMIN" : "ACCOUNT_TRUSTEE"));

        w.delivery.deliverDue();
        assertThat(w.mailer.to("ina@example.com")).filteredOn(OwnerChangedMail.class::isInstance).singleElement()
                .satisfies(m -> {
                    assertThat(((OwnerChangedMail) m).received()).isTrue();
                    assertThat(((OwnerChangedMail) m).otherName()).isEqualTo("Olga Owner");
                    assertThat(((OwnerChangedMail) m).accountName()).isEqualTo("Acme");
                });
        assertThat(w.mailer.to("owner@example.com")).filteredOn(OwnerChangedMail.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((OwnerChangedMail) m).received()).isFalse());

        // the new owner is protected now; the previous one is a member like any other
        assertThat(refusalOf(() -> w.members.remove(new RemoveMemberCommand(owner(), s.account().id(), ina,
                "ina@example.com")))).isIn(OwnerProtectedException.class, dev.roster.domain.role.RoleNotGrantableException.class);
        IdentityId inaId = stored(ina).identityId();
        Membership previous = stored(s.owner().member().id());
        w.members.update(new ChangeMemberCommand(inaId, s.account().id(), previous.id(), previous.version(), null, null,
                MemberStatus.INACTIVE));
        assertThat(stored(previous.id()).status()).isEqualTo(MemberStatus.INACTIVE);
    }

    @Test
    void onlyTheOwnerTransfersAndNothingChangesOnARefusal() {
        world("tiered");
        MemberId admin = active("admin@example.com", "ADMIN");
        MemberId ina = active("ina@example.com", "VIEWER");
        IdentityId adminId = stored(admin).identityId();
        Object before = snapshot();
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(adminId, s.account().id(), ina,
                "ina@example.com")))).isEqualTo(OwnerOnlyException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(adminId, s.account().id(), admin,
                "admin@example.com")))).isEqualTo(OwnerOnlyException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(),
                s.owner().member().id(), "owner@example.com")))).isEqualTo(SelfActionException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(),
                new MemberId("no-such-member"), "x@example.com")))).isEqualTo(NotFoundException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theNewOwnerMustBeActiveAndTheEmailMustMatch() {
        world("cumulative");
        MemberId pending = invite("pending@example.com", "VIEWER");
        MemberId inactive = active("inactive@example.com", "VIEWER");
        Membership in = stored(inactive);
        w.members.update(new ChangeMemberCommand(owner(), s.account().id(), inactive, in.version(), null, null, MemberStatus.INACTIVE));
        MemberId ina = active("ina@example.com", "DATA_TRUSTEE");
        Object before = snapshot();

        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), pending,
                "pending@example.com")))).isEqualTo(SuccessorNotActiveException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), inactive,
                "inactive@example.com")))).isEqualTo(SuccessorNotActiveException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), ina,
                "someone@example.com")))).isEqualTo(ConfirmationMismatchException.class);
        assertThat(refusalOf(() -> owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), ina,
                null)))).isEqualTo(ConfirmationRequiredException.class);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stored(s.owner().member().id()).owner()).isTrue();
    }

    @Test
    void aRemovalThatReadTheMemberBeforeTheTransferCannotDeleteTheNewOwner() {
        world("tiered");
        MemberId ina = active("ina@example.com", "VIEWER");
        Membership readBeforeTransfer = stored(ina);
        owners.transfer(new TransferOwnershipCommand(owner(), s.account().id(), ina, "ina@example.com"));
        // the store is the last line: a removal judged on the old row finds an owner
        assertThatThrownBy(() -> w.store.memberships.delete(readBeforeTransfer)).isInstanceOf(OwnerProtectedException.class);
        assertThat(stored(ina).owner()).isTrue();
    }

    // ---- bulk ----

    @Test
    void aDryRunSaysWhatWouldHappenAndChangesNothing() {
        world("tiered");
        MemberId a = active("a@example.com", "VIEWER");
        MemberId b = active("b@example.com", "EDITOR");
        MemberId p = invite("p@example.com", "VIEWER");
        w.clock.advance(Duration.ofMinutes(2));
        Object before = snapshot();
        BatchResult r = batch.run(new BatchCommand(owner(), s.account().id(), true, List.of(
                new Operation(a, Action.DEACTIVATE, null),
                new Operation(b, Action.REMOVE, "B@example.com"),
                new Operation(p, Action.RESEND, null))));
        assertThat(r.applied()).isFalse();
        assertThat(r.outcomes()).allMatch(o -> o.ok());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void oneRefusalAppliesNothingAndNamesEachOutcome() {
        world("tiered");
        MemberId a = active("a@example.com", "VIEWER");
        MemberId b = active("b@example.com", "EDITOR");
        MemberId p = invite("p@example.com", "VIEWER");
        Object before = snapshot();
        BatchResult r = batch.run(new BatchCommand(owner(), s.account().id(), false, List.of(
                new Operation(a, Action.DEACTIVATE, null),
                new Operation(b, Action.REMOVE, "someone-else@example.com"),
                new Operation(p, Action.RESEND, null),
                new Operation(s.owner().member().id(), Action.DEACTIVATE, null),
                new Operation(new MemberId("nobody"), Action.ACTIVATE, null),
                new Operation(new MemberId("x2"), Action.REMOVE, null))));
        assertThat(r.applied()).isFalse();
        assertThat(r.outcomes()).extracting(o -> o.refusal() == null ? "ok" : o.refusal().getClass().getSimpleName())
                .containsExactly("ok", "ConfirmationMismatchException", "TooManyRequestsException",
                        "SelfActionException", "NotFoundException", "NotFoundException");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stored(a).status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void anAllowedBatchAppliesEachOperationAsOneByOneWouldWithOneAuditEntryPerMember() {
        world("cumulative");
        MemberId a = active("a@example.com", "VIEWER");
        MemberId b = active("b@example.com", "DATA_TRUSTEE");
        MemberId c = active("c@example.com", "TCO_TRUSTEE");
        Membership cm = stored(c);
        w.members.update(new ChangeMemberCommand(owner(), s.account().id(), c, cm.version(), null, null, MemberStatus.INACTIVE));
        MemberId p = invite("p@example.com", "VIEWER");
        w.delivery.deliverDue();
        w.clock.advance(Duration.ofMinutes(2));
        int audits = w.store.auditRows.size();
        int mails = w.mailer.sent.size();

        BatchResult r = batch.run(new BatchCommand(owner(), s.account().id(), false, List.of(
                new Operation(a, Action.DEACTIVATE, null),
                new Operation(b, Action.REMOVE, "b@example.com"),
                new Operation(c, Action.ACTIVATE, null),
                new Operation(p, Action.RESEND, null))));
        assertThat(r.applied()).isTrue();
        assertThat(r.outcomes()).allMatch(o -> o.ok());
        assertThat(stored(a).status()).isEqualTo(MemberStatus.INACTIVE);
        assertThat(stored(b)).isNull();
        assertThat(stored(c).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(w.store.auditRows.subList(audits, w.store.auditRows.size())).extracting(AuditEvent::action)
                .containsExactly("user_deactivated", "user_deleted", "user_activated", "invitation_resent");
        assertThat(w.store.outboxRows.values()).anyMatch(o -> o.kind == MailKind.INVITATION && o.subject.equals(p.value())
                && o.status.equals("PENDING"));
        w.delivery.deliverDue();
        assertThat(w.mailer.sent.size()).as("the resend's mail goes out through the outbox").isEqualTo(mails + 1);
    }

    @Test
    void theBatchItselfIsValidatedAndNeedsUserManagement() {
        world("tiered");
        MemberId a = active("a@example.com", "VIEWER");
        MemberId viewer = active("v@example.com", "VIEWER");
        List<Operation> tooMany = IntStream.range(0, 201).mapToObj(i -> new Operation(new MemberId("m" + i), Action.ACTIVATE, null)).toList();
        assertThatThrownBy(() -> new BatchCommand(owner(), s.account().id(), false, tooMany)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new BatchCommand(owner(), s.account().id(), false, List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new BatchCommand(owner(), s.account().id(), false, List.of(
                new Operation(a, Action.ACTIVATE, null), new Operation(a, Action.DEACTIVATE, null))))
                .isInstanceOf(InvalidValueException.class);
        Object before = snapshot();
        assertThat(refusalOf(() -> batch.run(new BatchCommand(stored(viewer).identityId(), s.account().id(), false,
                List.of(new Operation(a, Action.DEACTIVATE, null)))))).isEqualTo(PermissionDeniedException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBatchJudgesTheResendCooldownLikeOneByOne() {
        world("tiered");
        MemberId p = invite("p@example.com", "VIEWER");
        BatchResult r = batch.run(new BatchCommand(owner(), s.account().id(), true, List.of(new Operation(p, Action.RESEND, null))));
        assertThat(r.outcomes().get(0).refusal()).isInstanceOf(TooManyRequestsException.class);
        assertThat(refusalOf(() -> w.members.resend(owner(), s.account().id(), p))).isEqualTo(TooManyRequestsException.class);
    }
}
