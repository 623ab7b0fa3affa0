package dev.roster.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0076: at Roster's stop an H2 file is rewritten to its live data, its rows and its mode kept. */
class EmbeddedStoreTest {
    @TempDir
    Path dir;

    @Test
    void anH2FileIsRewrittenToItsLiveDataKeepingRowsAndMode() throws Exception {
        // the default URL's setting: no compaction while open (WRITE_DELAY=0); and none at this close either
        String url = "jdbc:h2:file:" + dir.resolve("roster") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url + ";MAX_COMPACT_TIME=0", "roster", "roster")) {
            c.createStatement().execute("CREATE TABLE member (id INT PRIMARY KEY, email VARCHAR(200))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO member VALUES (?, ?)")) {
                for (int i = 0; i < 3000; i++) { // one commit each, as the API writes
                    p.setInt(1, i);
                    p.setString(2, "member" + i + "@example.com");
                    p.executeUpdate();
                }
            }
            c.createStatement().execute("DELETE FROM member WHERE MOD(id, 2) = 0");
        }
        Path file = dir.resolve("roster.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        long before = Files.size(file);

        EmbeddedStore.Compacted done = EmbeddedStore.compact(url, "roster", "roster").orElseThrow();

        assertThat(done.file()).isEqualTo(file);
        assertThat(done.bytesBefore()).isEqualTo(before);
        assertThat(done.bytesAfter()).isEqualTo(Files.size(file)).isLessThan(before / 4);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Connection c = DriverManager.getConnection(url, "roster", "roster");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM member")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1500);
            assertThat(r.getInt(2)).isEqualTo(1);
            assertThat(r.getInt(3)).isEqualTo(2999);
        }
    }

    @Test
    void anyOtherDatabaseIsLeftAlone() throws Exception {
        assertThat(EmbeddedStore.compact("jdbc:postgresql://127.0.0.1:1/none", "u", "p")).isEmpty();
        assertThat(EmbeddedStore.compact("jdbc:h2:mem:roster;DB_CLOSE_DELAY=-1", "u", "p")).isEmpty();
        assertThat(EmbeddedStore.compact(null, null, null)).isEmpty();
    }
}
