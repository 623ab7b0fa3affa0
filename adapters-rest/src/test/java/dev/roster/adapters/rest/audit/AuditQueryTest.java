package dev.roster.adapters.rest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.in.AuditQueriesUseCase.AuditEventsQuery;
import dev.roster.domain.common.FieldError;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The audit list's query syntax: what the database cannot take is a field error (answered 400), not a 500. */
class AuditQueryTest {
    /** Review N1: far-future and far-past instants overflowed {@code Instant.toEpochMilli} in the repository. */
    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-292275056-05-16T16:47:04Z",
            "+292278995-08-17T07:12:55Z", "+292278994-08-17T07:12:55Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void timesOutsideTheYears1970To9999AreRefused(String time) {
        AuditEventsQuery q = AuditResource.query(null, null, null, time, time, null, null);
        assertThat(q.from()).isNull();
        assertThat(q.to()).isNull();
        assertThat(q.problems()).extracting(FieldError::field).containsExactly("from", "to");
        assertThat(q.problems().get(0).message()).contains("1970").contains("9999");
    }

    @Test
    void theEdgesOfTheRangeAreKept() {
        AuditEventsQuery q = AuditResource.query(null, null, null, "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", null, null);
        assertThat(q.problems()).isEmpty();
        assertThat(q.from()).isEqualTo(Instant.EPOCH);
        assertThat(q.to()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    /** Review F19: PostgreSQL refuses NUL in a text parameter (500 before); every control character is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "x\u0007", "\u007f", "id\u0085", "a\nb"})
    void controlCharactersInActorAndTargetAreRefused(String value) {
        AuditEventsQuery q = AuditResource.query(null, value, value, null, null, null, null);
        assertThat(q.problems()).extracting(FieldError::field).containsExactly("actorId", "targetId");
        assertThat(q.actorId()).isNull();
        assertThat(AuditResource.query(null, "user-\u00e9-id", null, null, null, null, null).problems()).isEmpty();
    }
}
