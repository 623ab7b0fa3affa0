// The raw Argon2id rate on this machine, measured in the same run as the login rows: Bouncy Castle (the
// library and version Roster uses) at Roster's configured cost, 1 and 2 threads, on a pre-touched heap.
// java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp bcprov.jar:<dir> HashRate <memoryKib> <iterations> <parallelism> <hashes per thread>
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

public final class HashRate {
    public static void main(String[] a) throws Exception {
        int m = Integer.parseInt(a[0]);
        int t = Integer.parseInt(a[1]);
        int p = Integer.parseInt(a[2]);
        int n = Integer.parseInt(a[3]);
        for (int i = 0; i < 5; i++) {
            hash(m, t, p); // warm-up: JIT
        }
        for (int threads : new int[] {1, 2}) {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<Thread> all = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < n; i++) {
                        hash(m, t, p);
                    }
                });
                th.start();
                all.add(th);
            }
            for (Thread th : all) {
                th.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (cpuNanos() - cpu0) / 1e6;
            int total = n * threads;
            System.out.printf(Locale.ROOT, "HASH label=argon2id_t%d m=%d t=%d p=%d n=%d rps=%.1f cpu_ms_per_hash=%.2f%n",
                    threads, m, t, p, total, total / secs, cpuMs / total);
        }
    }

    static void hash(int m, int t, int p) {
        byte[] salt = new byte[16];
        ThreadLocalRandom.current().nextBytes(salt);
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] out = new byte[32];
        gen.generateBytes("correct horse battery staple".getBytes(StandardCharsets.UTF_8), out);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
