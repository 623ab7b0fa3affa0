package dev.roster.adapters.rest.http;

import dev.roster.adapters.rest.problem.RestProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.common.InvalidValueException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            JsonBody b = JsonBody.read(MediaType.APPLICATION_JSON_TYPE, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "email", "password", "name", "roles");
            for (String f : List.of("email", "password", "name")) {
                try {
                    b.string(f);
                } catch (InvalidValueException e) {
                    assertThat(e.errors()).isNotEmpty();
                }
            }
            try {
                b.strings("roles");
            } catch (InvalidValueException e) {
                assertThat(e.errors()).isNotEmpty();
            }
        } catch (InvalidValueException e) {
            assertThat(e.errors()).isNotEmpty();
        } catch (WebApplicationException e) {
            assertThat(e.getResponse().getStatus()).isEqualTo(413);
        }
    }

    private static InvalidValueException refusal(String body) {
        try {
            JsonBody.read(MediaType.APPLICATION_JSON_TYPE, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "name", "roles");
        } catch (InvalidValueException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void duplicateKeysTrailingDataAndDeepNestingAreRefused() {
        assertThat(refusal("{\"name\":\"a\",\"name\":\"b\"}").getMessage()).contains("twice");
        assertThat(refusal("{\"name\":\"a\"} trailing").getMessage()).contains("nothing after");
        assertThat(refusal("{\"name\":\"a\"}{\"name\":\"b\"}").errors()).isNotEmpty();
        assertThat(refusal("{\"roles\":" + "[".repeat(1001) + "]".repeat(1001) + "}").getMessage()).contains("deeper than 16");
        String sixteen = "{\"roles\":" + "[".repeat(15) + "]".repeat(15) + "}";
        assertThat(JsonBody.read(MediaType.APPLICATION_JSON_TYPE, new ByteArrayInputStream(sixteen.getBytes(StandardCharsets.UTF_8)),
                "roles").has("roles")).isTrue();
        assertThat(refusal("\uFEFF{}").errors()).isNotEmpty();
    }

    @Test
    void onlyJsonInUtf8IsAccepted() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        for (MediaType refused : List.of(MediaType.TEXT_PLAIN_TYPE, MediaType.APPLICATION_FORM_URLENCODED_TYPE,
                new MediaType("application", "json", Map.of("charset", "utf-16")))) {
            assertThatThrownBy(() -> JsonBody.read(refused, new ByteArrayInputStream(body))).isInstanceOf(RestProblem.UnsupportedMediaType.class);
        }
        assertThatThrownBy(() -> JsonBody.read(null, new ByteArrayInputStream(body))).isInstanceOf(RestProblem.UnsupportedMediaType.class);
        JsonBody.read(new MediaType("application", "json", Map.of("charset", "UTF-8")), new ByteArrayInputStream(body));
        JsonBody.read(new MediaType("application", "merge-patch+json"), new ByteArrayInputStream(body));
    }
}
