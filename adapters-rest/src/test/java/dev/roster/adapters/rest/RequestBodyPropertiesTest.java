package dev.roster.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.EmailAddress;
import dev.roster.domain.PasswordPolicy;
import dev.roster.domain.PersonName;
import dev.roster.domain.RosterException;
import dev.roster.domain.Violation;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based tests (jqwik) of everything a request body goes through before a use case: whatever
 * the bytes, the outcome is a parsed body or a 400/413 refusal, never another exception (which would
 * become a 500).
 */
class RequestBodyPropertiesTest {

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars("{}[]\":,\\ \u2028\uD83D\uDE00").ofMaxLength(80);
        Arbitrary<String> field = Arbitraries.of("email", "password", "name", "roles", "token", "status", "x", "");
        Arbitrary<String> value = Arbitraries.oneOf(text.map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.of("null", "true", "1e999", "-0", "[]", "{}", "[\"ADMIN\"]", "[1,2]", "{\"a\":[{}]}"));
        Arbitrary<String> object = Combinators.combine(field, value, field, value)
                .as((f1, v1, f2, v2) -> "{\"" + f1 + "\":" + v1 + ",\"" + f2 + "\":" + v2 + "}");
        return Arbitraries.oneOf(text, object);
    }

    @Property(tries = 1000)
    void anyBodyParsesOrIsRefusedAsInvalid(@ForAll("jsonish") String body) {
        try {
            JsonBody b = JsonBody.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "email", "password", "name", "roles");
            for (String f : List.of("email", "password", "name")) {
                try {
                    b.string(f);
                } catch (RosterException e) {
                    assertThat(e.violation()).isEqualTo(Violation.VALIDATION);
                }
            }
            try {
                b.strings("roles");
            } catch (RosterException e) {
                assertThat(e.violation()).isEqualTo(Violation.VALIDATION);
            }
        } catch (RosterException e) {
            assertThat(e.violation()).isEqualTo(Violation.VALIDATION);
            assertThat(e.errors()).isNotEmpty();
        } catch (WebApplicationException e) {
            assertThat(e.getResponse().getStatus()).isEqualTo(413);
        }
    }

    @Property(tries = 1000)
    void anyEmailNameOrPasswordIsAcceptedOrRefusedWithAReason(@ForAll String raw) {
        PasswordPolicy policy = new PasswordPolicy(15, Set.of("passwordpassword"));
        for (Runnable check : List.<Runnable>of(() -> new EmailAddress(raw), () -> new PersonName(raw),
                () -> policy.check(raw, new EmailAddress("someone@example.com")))) {
            try {
                check.run();
            } catch (RosterException e) {
                assertThat(e.violation()).isEqualTo(Violation.VALIDATION);
                assertThat(e.detail()).isNotBlank();
            }
        }
    }

    @Property(tries = 300)
    void acceptedNamesNeverCarryLineBreaks(@ForAll String raw) {
        try {
            String name = new PersonName(raw).value();
            assertThat(name).doesNotContain("\r", "\n");
        } catch (RosterException refused) {
            assertThat(refused.violation()).isEqualTo(Violation.VALIDATION);
        }
    }
}
