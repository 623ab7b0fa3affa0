// Seeds members straight into Roster's database (the server is stopped, or on PostgreSQL may run), so that
// 100,000 members take seconds instead of an hour of invitations. Rows are what the application itself
// writes for an ACTIVE member (see adapters-persistence Mappers): one identity and one membership each.
//
// java -cp <jdbc driver jar>:<dir> Seed <jdbc url> <user> <password> <out dir> <login password hash source email>
//      <account id>=<members> [<account id>=<members> ...]
// The first account also gets 100 login identities (login<i>@bench.test) that share the password hash of the
// identity named by the source email (the owner created through the API), so they log in with its password.
// Writes <out dir>/ids-<account id>.txt (2,000 member ids, emails sorted) and <out dir>/cursor-<account id>.txt
// (email and id of the member at position 50 * 1999 - 1 in email order, and the email of the next one).
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

public final class Seed {
    static final int LOGIN_USERS = 100;

    public static void main(String[] a) throws Exception {
        String url = a[0];
        Path out = Path.of(a[3]);
        String hashSource = a[4];
        long now = System.currentTimeMillis();
        try (Connection con = DriverManager.getConnection(url, a[1], a[2])) {
            con.setAutoCommit(false);
            String hash;
            try (PreparedStatement ps = con.prepareStatement("SELECT password_hash FROM identity WHERE email = ?")) {
                ps.setString(1, hashSource);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no identity " + hashSource);
                    }
                    hash = rs.getString(1);
                }
            }
            boolean first = true;
            for (int k = 5; k < a.length; k++) {
                String[] spec = a[k].split("=");
                String account = spec[0];
                int members = Integer.parseInt(spec[1]);
                String tag = Integer.toString(k - 5);
                long t0 = System.nanoTime();
                List<String[]> rows = seed(con, account, tag, members, first ? hash : null, now);
                con.commit();
                System.err.printf("seeded %,d members into %s in %.1f s%n", members, account, (System.nanoTime() - t0) / 1e9);
                List<String> ids = new ArrayList<>();
                for (int i = LOGIN_USERS; i < rows.size() && ids.size() < 2000; i++) {
                    ids.add(rows.get(i)[1]);
                }
                Files.write(out.resolve("ids-" + account + ".txt"), ids);
                int deep = 50 * 1999 - 1;
                // the owner sorts among the seeded emails too; the harness checks the crafted page instead of trusting this
                if (rows.size() > deep + 1) {
                    String[] r = rows.get(deep);
                    Files.writeString(out.resolve("cursor-" + account + ".txt"), r[0] + "\n" + r[1] + "\n" + rows.get(deep + 1)[0] + "\n");
                }
                first = false;
            }
            try (PreparedStatement ps = con.prepareStatement("ANALYZE")) {
                ps.execute();
            } catch (Exception ignored) {
                // H2 and PostgreSQL both know ANALYZE; statistics only help the planner
            }
            con.commit();
        }
    }

    /** Rows in email order: {email, member id}. The first LOGIN_USERS rows (when hash != null) can log in. */
    static List<String[]> seed(Connection con, String account, String tag, int members, String hash, long now) throws Exception {
        List<String[]> rows = new ArrayList<>(members);
        // the schema as of V22: the last login is the identity's, the membership holds what admins change
        try (PreparedStatement idn = con.prepareStatement("INSERT INTO identity (id, email, name, password_hash, failed_logins, "
                + "lock_count, locked_until, created_at, last_active_at) VALUES (?, ?, ?, ?, 0, 0, NULL, ?, ?)");
             PreparedStatement mem = con.prepareStatement("INSERT INTO membership (id, account_id, user_id, email, name, status, "
                     + "roles, owner, auth_method, created_at, version) "
                     + "VALUES (?, ?, ?, ?, ?, 'ACTIVE', ',VIEWER,', FALSE, 'PASSWORD', ?, 0)")) {
            for (int i = 0; i < members; i++) {
                boolean login = hash != null && i < LOGIN_USERS;
                // "a..." sorts before the owner's address; unpadded, so that a search for "-m<i>@" finds exactly one
                String email = login ? "a-login" + i + "@bench.test" : "a" + tag + "-m" + i + "@bench.test";
                String user = UUID.randomUUID().toString();
                String member = UUID.randomUUID().toString();
                String name = "Member " + tag + "-" + i;
                idn.setString(1, user);
                idn.setString(2, email);
                idn.setString(3, name);
                idn.setString(4, login ? hash : null);
                idn.setLong(5, now);
                idn.setLong(6, login ? now : -1L);
                idn.addBatch();
                mem.setString(1, member);
                mem.setString(2, account);
                mem.setString(3, user);
                mem.setString(4, email);
                mem.setString(5, name);
                mem.setLong(6, now);
                mem.addBatch();
                rows.add(new String[] {email, member});
                if (i % 1000 == 999) {
                    // a commit per 1,000 rows: H2 rewrites every touched B-tree page per commit (1.5 GB file for
                    // 110,000 members, 21 % live), but one 100,000-row transaction was slower still (240 s, 2.8 GB)
                    idn.executeBatch();
                    mem.executeBatch();
                    con.commit();
                }
            }
            idn.executeBatch();
            mem.executeBatch();
        }
        rows.sort((x, y) -> x[0].compareTo(y[0]));
        return rows;
    }
}
