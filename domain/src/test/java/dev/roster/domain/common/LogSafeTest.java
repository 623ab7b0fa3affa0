package dev.roster.domain.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void aValueCannotStartANewLogLine() {
        String forged = "550 no such user\r\n[2026-11-25T10:00:00Z] INFO admin logged in\u2028x\u0007";
        String safe = LogSafe.line(forged);
        assertThat(safe).doesNotContain("\r", "\n", "\u2028", "\u0007");
        assertThat(safe).isEqualTo("550 no such user\\r\\n[2026-11-25T10:00:00Z] INFO admin logged in\\u2028x\\u0007");
        assertThat(LogSafe.line(null)).isEqualTo("null");
    }
}
