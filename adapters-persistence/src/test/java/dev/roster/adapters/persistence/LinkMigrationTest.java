package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.domain.common.TokenHash;
import dev.roster.domain.link.LinkPurpose;
import dev.roster.domain.link.SingleUseLink;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ADR 0065, V62-V65: the links a database holds when it is upgraded keep working as single-use links
 * (same token, same expiry, same cooldown), and the old link columns are gone.
 */
class LinkMigrationTest extends MigrationTestBase {
    static final long NOW = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    private void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private Set<String> columns(String url, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "%", null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    private <T> T withLinks(String url, java.util.function.Function<JpaLinkRepository, T> work) {
        return withStore(url, em -> work.apply(new JpaLinkRepository(em)));
    }

    private <T> T withInvitations(String url, java.util.function.Function<JpaInvitationRepository, T> work) {
        return withStore(url, em -> work.apply(new JpaInvitationRepository(em)));
    }

    private <T> T withStore(String url, java.util.function.Function<EntityManager, T> work) {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("roster", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL", "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url));
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
            emf.close();
        }
    }

    private static String identity(String id, String email) {
        return "INSERT INTO identity (id, email, name, password_hash, failed_logins, lock_count, locked_until, created_at) "
                + "VALUES ('" + id + "', '" + email + "', 'N', '$h', 0, 1, " + (NOW + HOUR) + ", 0)";
    }

    @Test
    void aLiveUnlockLinkAndAPendingNoticeSurviveTheUpgrade() throws SQLException {
        String url = migratedTo("61");
        String mailed = TokenHash.of("unlock-token");
        sql(url, identity("i-mailed", "mailed@example.com"), identity("i-asked", "asked@example.com"),
                identity("i-none", "none@example.com"),
                "UPDATE identity SET unlock_requested_at = " + (NOW - 60_000) + ", unlock_token_hash = '" + mailed
                        + "', unlock_expires_at = " + (NOW + HOUR) + " WHERE id = 'i-mailed'",
                "UPDATE identity SET unlock_requested_at = " + (NOW - 1_000) + " WHERE id = 'i-asked'");
        migrateAll(url);

        assertThat(columns(url, "identity")).isNotEmpty().noneMatch(c -> c.startsWith("unlock_"));
        SingleUseLink live = withLinks(url, links -> links.findByTokenHash(mailed)).orElseThrow();
        assertThat(live.purpose()).isEqualTo(LinkPurpose.UNLOCK);
        assertThat(live.subject()).isEqualTo("i-mailed");
        assertThat(live.opensWith(mailed, Instant.ofEpochMilli(NOW))).isTrue();
        assertThat(live.expiresAt()).isEqualTo(Instant.ofEpochMilli(NOW + HOUR));
        assertThat(live.holdsCooldown(Instant.ofEpochMilli(NOW), java.time.Duration.ofHours(1))).isTrue();
        SingleUseLink asked = withLinks(url, links -> links.latest(LinkPurpose.UNLOCK, "i-asked")).orElseThrow();
        assertThat(asked.open()).as("the relay mails it").isTrue();
        assertThat(asked.issuedAt()).isEqualTo(Instant.ofEpochMilli(NOW - 1_000));
        Optional<SingleUseLink> none = withLinks(url, links -> links.latest(LinkPurpose.UNLOCK, "i-none"));
        assertThat(none).isEmpty();
    }

    @Test
    void aLiveResetLinkAndAPendingRequestSurviveTheUpgrade() throws SQLException {
        String url = migratedTo("61");
        String mailed = TokenHash.of("reset-token");
        sql(url, identity("i-mailed", "mailed@example.com"), identity("i-asked", "asked@example.com"),
                "UPDATE identity SET reset_requested_at = " + (NOW - 60_000) + ", reset_token_hash = '" + mailed
                        + "', reset_expires_at = " + (NOW + HOUR) + " WHERE id = 'i-mailed'",
                "UPDATE identity SET reset_requested_at = " + (NOW - 1_000) + " WHERE id = 'i-asked'");
        migrateAll(url);

        assertThat(columns(url, "identity")).isNotEmpty().noneMatch(c -> c.startsWith("reset_"));
        SingleUseLink live = withLinks(url, links -> links.findByTokenHash(mailed)).orElseThrow();
        assertThat(live.purpose()).isEqualTo(LinkPurpose.PASSWORD_RESET);
        assertThat(live.subject()).isEqualTo("i-mailed");
        assertThat(live.opensWith(mailed, Instant.ofEpochMilli(NOW))).isTrue();
        assertThat(live.opensWith(mailed, Instant.ofEpochMilli(NOW + HOUR))).as("same expiry").isFalse();
        SingleUseLink asked = withLinks(url, links -> links.latest(LinkPurpose.PASSWORD_RESET, "i-asked")).orElseThrow();
        assertThat(asked.holdsCooldown(Instant.ofEpochMilli(NOW), java.time.Duration.ofMinutes(1))).isTrue();
        assertThat(asked.open()).isTrue();
    }

    @Test
    void aMailedSignUpLinkSurvivesTheUpgradeAndTheSignUpKeepsItsPayload() throws SQLException {
        String url = migratedTo("61");
        String mailed = TokenHash.of("signup-token");
        sql(url, "INSERT INTO pending_signup (id, email, name, account_name, token_hash, created_at, expires_at, mailbox, mailed_at) "
                        + "VALUES ('s-mailed', 'new@example.com', 'Nina', 'Nina Co', '" + mailed + "', " + (NOW - 5_000) + ", "
                        + (NOW + HOUR) + ", 'new@example.com', " + (NOW - 4_000) + ")",
                "INSERT INTO pending_signup (id, email, name, account_name, token_hash, created_at, expires_at, mailbox, mailed_at) "
                        + "VALUES ('s-waiting', 'new@example.com', 'Nina', 'Nina Co', NULL, " + NOW + ", " + (NOW + HOUR)
                        + ", NULL, NULL)");
        migrateAll(url);

        SingleUseLink live = withLinks(url, links -> links.findByTokenHash(mailed)).orElseThrow();
        assertThat(live.purpose()).isEqualTo(LinkPurpose.SIGNUP);
        assertThat(live.subject()).isEqualTo("s-mailed");
        assertThat(live.opensWith(mailed, Instant.ofEpochMilli(NOW))).isTrue();
        assertThat(live.expiresAt()).isEqualTo(Instant.ofEpochMilli(NOW + HOUR));
        Optional<SingleUseLink> waiting = withLinks(url, links -> links.latest(LinkPurpose.SIGNUP, "s-waiting"));
        assertThat(waiting).as("made when the relay mails it").isEmpty();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_name, mailbox FROM pending_signup WHERE id = 's-mailed'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Nina Co");
            assertThat(rs.getString(2)).isEqualTo("new@example.com");
        }
    }

    private static String invitation(String id, String tokenHash, long sentAt, long expiresAt, Long acceptedAt) {
        return "INSERT INTO invitation (id, member_id, account_id, invited_by, token_hash, sent_at, expires_at, send_count, "
                + "accepted_at, version) VALUES ('" + id + "', 'm-" + id + "', 'a-1', NULL, "
                + (tokenHash == null ? "NULL" : "'" + tokenHash + "'") + ", " + sentAt + ", " + expiresAt + ", 2, " + acceptedAt + ", 3)";
    }

    /** V65: an invitation mailed before the upgrade still accepts after it; one not mailed yet keeps its window. */
    @Test
    void aMailedInvitationLinkSurvivesTheUpgradeAndTheInvitationKeepsItsCount() throws SQLException {
        String url = migratedTo("64");
        String mailed = TokenHash.of("invitation-token");
        sql(url, invitation("inv-mailed", mailed, NOW - 60_000, NOW + HOUR, null),
                invitation("inv-queued", null, NOW - 1_000, NOW + 2 * HOUR, null),
                invitation("inv-accepted", null, NOW - HOUR, NOW + HOUR, NOW - 10_000));
        migrateAll(url);

        assertThat(columns(url, "invitation")).contains("send_count", "sent_at", "accepted_at")
                .doesNotContain("token_hash", "expires_at");
        SingleUseLink live = withLinks(url, links -> links.findByTokenHash(mailed)).orElseThrow();
        assertThat(live.purpose()).isEqualTo(LinkPurpose.INVITATION);
        assertThat(live.subject()).isEqualTo("inv-mailed");
        assertThat(live.opensWith(mailed, Instant.ofEpochMilli(NOW))).isTrue();
        assertThat(live.expiresAt()).as("same expiry").isEqualTo(Instant.ofEpochMilli(NOW + HOUR));
        assertThat(live.issuedAt()).as("the last send").isEqualTo(Instant.ofEpochMilli(NOW - 60_000));
        SingleUseLink queued = withLinks(url, links -> links.latest(LinkPurpose.INVITATION, "inv-queued")).orElseThrow();
        assertThat(queued.open()).as("the relay mails it").isTrue();
        assertThat(queued.tokenHash()).isNull();
        assertThat(queued.expiresAt()).as("its window kept").isEqualTo(Instant.ofEpochMilli(NOW + 2 * HOUR));
        Optional<SingleUseLink> accepted = withLinks(url, links -> links.latest(LinkPurpose.INVITATION, "inv-accepted"));
        assertThat(accepted).as("accepted: no link").isEmpty();
        var invitation = withInvitations(url, invitations -> invitations.find(new dev.roster.domain.invitation.InvitationId("inv-mailed")))
                .orElseThrow();
        assertThat(invitation.sendCount()).isEqualTo(2);
        assertThat(invitation.sentAt()).isEqualTo(Instant.ofEpochMilli(NOW - 60_000));
        assertThat(invitation.open()).isTrue();
        assertThat(invitation.version()).isEqualTo(3);
    }
}
