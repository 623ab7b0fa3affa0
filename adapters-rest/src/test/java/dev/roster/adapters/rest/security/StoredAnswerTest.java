package dev.roster.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ADR 0044: the REST adapter's answer survives the application's opaque store unchanged. */
class StoredAnswerTest {
    @Test
    void anAnswerComesBackAsItWasStored() {
        StoredAnswer full = new StoredAnswer(201, "{\n  \"id\": \"m1\"\n}\n", "/api/v1/accounts/a/users/m1", "\"3\"");
        assertThat(StoredAnswer.decode(full.encode())).isEqualTo(full);
        StoredAnswer bare = new StoredAnswer(200, "", null, null);
        assertThat(StoredAnswer.decode(bare.encode())).isEqualTo(bare);
    }

    @Test
    void somethingElseIsNoAnswer() {
        assertThatThrownBy(() -> StoredAnswer.decode("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
