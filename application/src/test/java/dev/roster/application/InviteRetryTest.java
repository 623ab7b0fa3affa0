package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.port.in.InviteMemberUseCase.InviteMemberCommand;
import dev.roster.application.port.in.MemberDetails;
import dev.roster.application.port.out.IdentityRepository.EmailTakenException;
import dev.roster.application.service.InviteMemberService;
import dev.roster.application.service.InviteMemberTransaction;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lost race on a new identity's email rolls the invite's transaction back and runs it again (the
 * database's side of this runs in {@code MembershipFlowIT}); the retries are bounded.
 */
class InviteRetryTest {
    static final InviteMemberCommand COMMAND = new InviteMemberCommand(null, null, "ina@example.com", "Ina", List.of("VIEWER"));

    /** A transaction that loses the race {@code losses} times, then invites. */
    static InviteMemberTransaction losing(int losses, AtomicInteger runs, MemberDetails result) {
        return new InviteMemberTransaction() {
            @Override
            public MemberDetails invite(InviteMemberCommand c) {
                if (runs.incrementAndGet() <= losses) {
                    throw new EmailTakenException();
                }
                return result;
            }
        };
    }

    @Test
    void aLostIdentityRaceIsRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        MemberDetails done = new MemberDetails(null, null, null);
        assertThat(new InviteMemberService(losing(1, runs, done)).invite(COMMAND)).isSameAs(done);
        assertThat(runs).hasValue(2);
    }

    @Test
    void afterThreeLostRacesTheRefusalGoesThrough() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> new InviteMemberService(losing(3, runs, null)).invite(COMMAND))
                .isInstanceOf(EmailTakenException.class);
        assertThat(runs).hasValue(3);
    }
}
