package dev.roster.adapters.rest.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.in.MemberQueriesUseCase.ListMembersQuery;
import dev.roster.application.port.MemberSort;
import dev.roster.domain.common.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Review F19: control characters in {@code q} or inside a decoded cursor are field errors (400), not a 500 on PostgreSQL. */
class MemberListParamsTest {
    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "ana\u001b[0m", "\u007f", "x\u009b"})
    void controlCharactersInTheSearchTextAreRefused(String q) {
        ListMembersQuery query = MemberListParams.parse(null, null, q, null, null, null);
        assertThat(query.problems()).extracting(FieldError::field).containsExactly("q");
        assertThat(query.text()).isNull();
    }

    @Test
    void aCursorWithAControlCharacterInsideIsRefused() {
        String good = MemberListParams.encode(MemberSort.EMAIL_ASC, new MemberSort.Position("ana@example.com", "m-1"));
        assertThat(MemberListParams.parse(null, null, null, null, "1", good).problems()).isEmpty();
        for (String inside : new String[] {"an\u0000a@example.com\nm-1", "ana@example.com\nm-\u00001", "ana\u0007@x.com\nm-1"}) {
            String bad = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("email\n" + inside).getBytes(StandardCharsets.UTF_8));
            ListMembersQuery query = MemberListParams.parse(null, null, null, null, "1", bad);
            assertThat(query.problems()).extracting(FieldError::field).containsExactly("cursor");
            assertThat(query.after()).isNull();
        }
    }

    @Test
    void ordinaryTextStillSearches() {
        assertThat(MemberListParams.parse(null, null, "  Zoë O'Brien ", null, null, null).text()).isEqualTo("Zoë O'Brien");
    }
}
