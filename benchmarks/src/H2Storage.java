import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

// Size of Roster's H2 file (docs/performance.md, "Storage"): migrates an empty database with the SQL of
// db/migration, seeds N members as Seed does (a commit per 1,000), then deletes every second member one
// transaction each (as the API removes members), and prints the file size open, after a plain close (which
// compacts for up to MAX_COMPACT_TIME ms) and after SHUTDOWN COMPACT (the live data).
//
// java -cp h2.jar:<dir> H2Storage <empty dir> <extra URL settings, e.g. ";MAX_COMPACT_TIME=5000" or ""> <members>
//      <adapters-persistence/src/main/resources/db/migration>
public final class H2Storage {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve("roster.mv.db");
        // the application's default URL (bootstrap microprofile-config.properties) before any extra setting
        String url = "jdbc:h2:file:" + dir + "/roster;WRITE_DELAY=0;LOCK_TIMEOUT=10000;CACHE_SIZE=65536" + a[1];
        int n = Integer.parseInt(a[2]);
        List<Path> migrations = new ArrayList<>();
        try (var s = Files.list(Path.of(a[3]))) {
            s.filter(p -> p.getFileName().toString().endsWith(".sql")).forEach(migrations::add);
        }
        migrations.sort(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().split("__")[0].substring(1))));
        try (Connection c = DriverManager.getConnection(url, "roster", "roster")) {
            for (Path p : migrations) {
                org.h2.tools.RunScript.execute(c, Files.newBufferedReader(p));
            }
            c.createStatement().execute("INSERT INTO account (id, name, created_at) VALUES ('acc-a', 'A', 0)");
        }
        compact(url);
        long empty = Files.size(file);
        print("empty, compacted", 0, empty, 0);
        try (Connection c = DriverManager.getConnection(url, "roster", "roster")) {
            c.setAutoCommit(false);
            Seed.seed(c, "acc-a", "0", n, null, System.currentTimeMillis());
            c.commit();
            print("seeded, open", n, Files.size(file), empty);
        }
        print("seeded, closed", n, Files.size(file), empty);
        compact(url);
        long liveFull = Files.size(file);
        print("seeded, SHUTDOWN COMPACT", n, liveFull, empty);
        int left;
        try (Connection c = DriverManager.getConnection(url, "roster", "roster")) {
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, user_id FROM membership ORDER BY email")) {
                int i = 0;
                while (rs.next()) {
                    if (i++ % 2 == 0) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            try (PreparedStatement dm = c.prepareStatement("DELETE FROM membership WHERE id = ?");
                 PreparedStatement di = c.prepareStatement("DELETE FROM identity WHERE id = ?")) {
                for (String[] r : rows) {
                    dm.setString(1, r[0]);
                    dm.executeUpdate();
                    di.setString(1, r[1]);
                    di.executeUpdate();
                }
            }
            left = n - rows.size();
            print("half deleted, open", left, Files.size(file), empty);
        }
        print("half deleted, closed", left, Files.size(file), empty);
        compact(url);
        print("half deleted, SHUTDOWN COMPACT", left, Files.size(file), empty);
    }

    static void compact(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "roster", "roster")) {
            c.createStatement().execute("SHUTDOWN COMPACT");
        }
    }

    static void print(String stage, int members, long bytes, long empty) {
        System.out.printf("H2STORAGE stage=\"%s\" members=%d file_mb=%.1f bytes_per_member=%s%n", stage, members, bytes / 1e6,
                members == 0 ? "-" : Long.toString((bytes - empty) / members));
    }
}
