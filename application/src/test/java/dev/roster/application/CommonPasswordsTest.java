package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {
    @Test
    void theShippedListHasLongCommonPasswordsAndNoComments() {
        var list = CommonPasswords.load();
        assertThat(list).contains("passwordpassword", "123456789012345", "qwertyuiopasdfgh").hasSizeGreaterThan(100);
        assertThat(list).noneMatch(p -> p.startsWith("#"));
    }
}
