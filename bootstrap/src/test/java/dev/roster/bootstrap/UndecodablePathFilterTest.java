package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which raw request paths the HTTP listener refuses before the runtime decodes them (review N3). */
class UndecodablePathFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/accounts/%zz/users", "/api/v1/me%zz", "/api/v1/me%g1", "/api/v1/me%", "/api/v1/me%2",
            "/api/v1/me%4", "/%zz", "/api/v1/me%00", "/api/v1/me%c0%af", "/api/v1/me%ff", "/api/v1/me%e2%82",
            "/api/v1/me%5c..", "/a\\b", "/../etc/passwd", "/api/../../x", "/%2e%2e/x", "/a/%2E%2E/../x;jsessionid=1"})
    void refused(String raw) {
        assertThat(UndecodablePathFilter.refused(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/me", "/api/v1/accounts/7f0c/users", "/api/v1/me%e2%82%ac", "/api/v1/me%2Fx",
            "/api/v1/accounts/%61bc/users", "/console/", "/api/v1/me/..", "/a/./b/../c", "/api/v1/me%25zz", "*",
            "http://host/%zz", ""})
    void passed(String raw) {
        assertThat(UndecodablePathFilter.refused(raw)).isFalse();
    }
}
