import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

// What the database holds on disk, per member (docs/performance.md, "Storage"), for run.sh: with Roster stopped,
// prints a STORAGE line for the database as it is, and with "half" first deletes every second member of one
// account the way the API removes members (membership and identity, one transaction each). On H2 the file is
// measured before this program opens it (Roster compacts it when it stops, ADR 0076), "delete-half" only
// deletes (run.sh then starts and stops Roster, and measures with "after-half"), and "live" is the size after
// SHUTDOWN COMPACT of a copy of the file (the live data); on PostgreSQL "live" is after VACUUM FULL.
//
// java -cp <driver>:<dir> Storage <jdbc url> <user> <password> <tag> [half <account id> | delete-half <account id>
//      | after-half | live]   (for H2 the url's file is <dir>/roster and the file measured is <dir>/roster.mv.db)
public final class Storage {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        boolean h2 = url.startsWith("jdbc:h2:");
        String mode = a.length > 4 ? a[4] : "";
        if (mode.equals("live") && h2) {
            Path file = h2File(url);
            Path copyDir = Files.createTempDirectory("roster-live");
            Files.copy(file, copyDir.resolve("roster.mv.db"));
            String copy = "jdbc:h2:file:" + copyDir.resolve("roster");
            try (Connection c = DriverManager.getConnection(copy, a[1], a[2])) {
                c.createStatement().execute("SHUTDOWN COMPACT");
            }
            long bytes = Files.size(copyDir.resolve("roster.mv.db"));
            try (Connection c = DriverManager.getConnection(copy, a[1], a[2])) {
                print(a[3], members(c), bytes, "SHUTDOWN_COMPACT_of_a_copy");
                c.createStatement().execute("SHUTDOWN");
            }
            Files.deleteIfExists(copyDir.resolve("roster.mv.db"));
            Files.deleteIfExists(copyDir.resolve("roster.trace.db"));
            Files.deleteIfExists(copyDir);
            return;
        }
        long h2Bytes = h2 ? Files.size(h2File(url)) : -1;
        try (Connection c = DriverManager.getConnection(url, a[1], a[2])) {
            if (mode.equals("half") || mode.equals("delete-half")) {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, user_id FROM membership WHERE account_id = ? AND owner = FALSE ORDER BY email")) {
                    ps.setString(1, a[5]);
                    try (ResultSet rs = ps.executeQuery()) {
                        for (int i = 0; rs.next(); i++) {
                            if (i % 2 == 0) {
                                rows.add(new String[] {rs.getString(1), rs.getString(2)});
                            }
                        }
                    }
                }
                c.setAutoCommit(false);
                try (PreparedStatement dm = c.prepareStatement("DELETE FROM membership WHERE id = ?");
                     PreparedStatement di = c.prepareStatement(
                             "DELETE FROM identity WHERE id = ? AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = identity.id)")) {
                    for (String[] r : rows) {
                        dm.setString(1, r[0]);
                        dm.executeUpdate();
                        di.setString(1, r[1]);
                        di.executeUpdate();
                        c.commit();
                    }
                }
                c.setAutoCommit(true);
            }
            if (mode.equals("live") && !h2) {
                c.createStatement().execute("VACUUM FULL");
            }
            String half = "every_second_member_of_the_large_account_deleted";
            if (h2) {
                if (mode.equals("delete-half")) {
                    c.createStatement().execute("SHUTDOWN");
                    return;
                }
                print(a[3], members(c), h2Bytes, mode.equals("after-half") ? half + ",_then_Roster_started_and_stopped" : null);
                c.createStatement().execute("SHUTDOWN");
            } else {
                long bytes;
                try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
                print(a[3], members(c), bytes, mode.equals("half") ? half
                        : mode.equals("live") ? "VACUUM_FULL" : null);
            }
        }
    }

    static Path h2File(String url) {
        String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
        return Path.of(path + ".mv.db");
    }

    static long members(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM membership")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void print(String tag, long members, long bytes, String note) {
        System.out.println("STORAGE tag=" + tag + " members=" + members + " bytes=" + bytes + (note == null ? "" : " note=" + note));
    }
}
