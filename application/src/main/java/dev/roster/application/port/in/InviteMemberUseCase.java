package dev.roster.application.port.in;

import dev.roster.domain.account.AccountId;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.common.Validation;
import dev.roster.domain.identity.IdentityId;
import dev.roster.domain.role.RoleSet;
import java.util.List;
import java.util.function.Supplier;

/** Use case: invite a person by email; the invitation email is queued in the same transaction. */
public interface InviteMemberUseCase {
    MemberDetails invite(InviteMemberCommand command);

    /**
     * One request's invitation (REST's POST), in the use case's one transaction: {@code caller} is asked
     * for the caller's identity inside it (so the session lookup is part of it), a caller who is not an
     * active member of the account is answered before {@code input} is opened; then the invitation as
     * {@link #invite(InviteMemberCommand)}, with the caller's membership read once.
     */
    MemberDetails invite(Supplier<IdentityId> caller, AccountId account, Input<InviteMemberCommand> input);

    /** Invite input as sent; {@link #invitee} validates it (after the actor is authorized). */
    record InviteMemberCommand(IdentityId actor, AccountId account, String email, String name, List<String> roles) {
        /** The typed invitee; every invalid field is named at once. */
        public Invitee invitee() {
            Validation v = new Validation();
            EmailAddress e = v.check(() -> new EmailAddress(email));
            PersonName n = v.check(() -> PersonName.of(name));
            v.throwIfAny();
            return new Invitee(e, n, RoleSet.parse(roles));
        }
    }

    /** Who is invited, with which roles. */
    record Invitee(EmailAddress email, PersonName name, RoleSet roles) {
    }
}
