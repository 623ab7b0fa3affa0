package dev.roster.adapters.rest.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.in.MemberDetails.DeliveryFailure;
import org.junit.jupiter.api.Test;

/** Issue 18 (ADR 0045): the member view says what kind of failure the relay recorded, read from the kind alone. */
class MemberViewsTest {
    @Test
    void eachFailureKindHasItsSentence() {
        assertThat(MemberViews.deliveryProblem(null, false)).isNull();
        assertThat(MemberViews.deliveryProblem(DeliveryFailure.REFUSED, true))
                .isEqualTo("The mail server refused the message for this address.");
        assertThat(MemberViews.deliveryProblem(DeliveryFailure.UNBUILDABLE, true)).isEqualTo("The address cannot be used for mail.");
        assertThat(MemberViews.deliveryProblem(DeliveryFailure.DEFERRED, false))
                .isEqualTo("The mail server deferred the message; the message is retried.");
        assertThat(MemberViews.deliveryProblem(DeliveryFailure.UNREACHABLE, false))
                .isEqualTo("The mail server could not be reached; the message is retried.");
        assertThat(MemberViews.deliveryProblem(DeliveryFailure.UNREACHABLE, true))
                .isEqualTo("The mail server could not be reached; delivery was given up.");
        for (DeliveryFailure kind : DeliveryFailure.values()) {
            assertThat(MemberViews.deliveryProblem(kind, true)).as(kind.name()).isNotBlank();
        }
    }
}
