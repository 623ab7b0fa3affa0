// Roster benchmark load generator (JDK 17, no dependencies). Written for this project; its command line and
// RESULT line follow the shape of ../shared/bench/keycloak/LoadGen.java so that both sides are read by one
// parser, but no code is taken from it.
//
// Closed loop: C platform threads share one HTTP/1.1 client and send N requests in total, each thread
// sending its next request when the previous answer arrived. Nothing is timed per wall clock; the run is
// bounded by N.
//
// Templates in --url and --body: {n} = start+i, {r} = random int in [0, rand), {id} = line (start+i) of the
// --ids file, {flip} = EDITOR or VIEWER, alternating per id (for role changes).
// --etag-url URL: before the measured phase, GET it for every id the run will use and remember the ETag;
// each request then sends If-Match with the id's current ETag and keeps the one its answer carries.
// --server-pid PID: read utime+stime of that process around the measured phase only (warm-up excluded)
// and print srv_cpu_ms_per_req.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public final class BenchLoad {
    private String method = "GET";
    private String url;
    private String body;
    private String ctype = "application/json";
    private String label = "run";
    private String etagUrl;
    private final List<String> headers = new ArrayList<>();
    private int n = 1000;
    private int c = 1;
    private int start;
    private int rand = 1;
    private int warmup;
    private long serverPid = -1;
    private final Set<Integer> expect = new HashSet<>();
    private List<String> ids = List.of();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> flips = new ConcurrentHashMap<>();
    private HttpClient client;

    public static void main(String[] args) throws Exception {
        new BenchLoad().run(args);
        System.exit(0);
    }

    private void run(String[] a) throws Exception {
        for (int i = 0; i < a.length; i++) {
            switch (a[i]) {
                case "--method" -> method = a[++i];
                case "--url" -> url = a[++i];
                case "--body" -> body = a[++i];
                case "--ctype" -> ctype = a[++i];
                case "--header" -> headers.add(a[++i]);
                case "--n" -> n = Integer.parseInt(a[++i]);
                case "--c" -> c = Integer.parseInt(a[++i]);
                case "--start" -> start = Integer.parseInt(a[++i]);
                case "--rand" -> rand = Integer.parseInt(a[++i]);
                case "--warmup" -> warmup = Integer.parseInt(a[++i]);
                case "--ids" -> ids = Files.readAllLines(Path.of(a[++i])).stream().filter(s -> !s.isBlank()).toList();
                case "--etag-url" -> etagUrl = a[++i];
                case "--server-pid" -> serverPid = Long.parseLong(a[++i]);
                case "--expect" -> Arrays.stream(a[++i].split(",")).map(Integer::parseInt).forEach(expect::add);
                case "--label" -> label = a[++i];
                default -> throw new IllegalArgumentException("unknown argument " + a[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        if (expect.isEmpty()) {
            expect.addAll(List.of(200, 201, 204));
        }
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(2)).build();
        if (etagUrl != null) {
            prefetchEtags();
        }
        // warm-up indices come after the measured ones so {n} stays unique across both phases
        phase(n, warmup, null, null);
        long[] lat = new long[n];
        Map<Integer, AtomicInteger> status = new ConcurrentHashMap<>();
        long cpu0 = serverTicks();
        long t0 = System.nanoTime();
        phase(0, n, lat, status);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu1 = serverTicks();
        long[] s = lat.clone();
        Arrays.sort(s);
        int ok = status.entrySet().stream().filter(e -> expect.contains(e.getKey())).mapToInt(e -> e.getValue().get()).sum();
        String cpu = cpu0 < 0 || cpu1 < 0 ? "" : String.format(Locale.ROOT, " srv_cpu_ms_per_req=%.3f",
                (cpu1 - cpu0) * 1000.0 / clockTicksPerSecond() / n);
        System.out.printf(Locale.ROOT, "RESULT label=%s n=%d c=%d ok=%d err=%d secs=%.2f rps=%.1f p50=%.2f p90=%.2f p99=%.2f "
                        + "max=%.2f mean=%.2f%s status=%s%n", label, n, c, ok, n - ok, secs, n / secs, pct(s, 50), pct(s, 90),
                pct(s, 99), s[n - 1] / 1e6, Arrays.stream(s).average().orElse(0) / 1e6, cpu, new TreeMap<>(status));
    }

    private void prefetchEtags() throws Exception {
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n + warmup; i++) {
            used.add(idAt(i));
        }
        for (String id : used) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(etagUrl.replace("{id}", id))).GET();
            headers(b);
            HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
            r.headers().firstValue("ETag").ifPresent(e -> etags.put(id, e));
        }
    }

    private String idAt(int i) {
        return ids.isEmpty() ? "" : ids.get(Math.floorMod(start + i, ids.size()));
    }

    private HttpRequest request(int i) {
        int r = ThreadLocalRandom.current().nextInt(rand);
        String id = idAt(i);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fill(url, i, r, id))).timeout(Duration.ofSeconds(60));
        headers(b);
        if (etagUrl != null && etags.containsKey(id)) {
            b.header("If-Match", etags.get(id));
        }
        if (body != null) {
            b.header("Content-Type", ctype).method(method, HttpRequest.BodyPublishers.ofString(fill(body, i, r, id)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private void headers(HttpRequest.Builder b) {
        for (String h : headers) {
            int k = h.indexOf(':');
            b.header(h.substring(0, k).trim(), h.substring(k + 1).trim());
        }
    }

    private String fill(String t, int i, int r, String id) {
        String out = t.replace("{n}", Integer.toString(start + i)).replace("{r}", Integer.toString(r)).replace("{id}", id);
        if (out.contains("{flip}")) {
            int k = flips.computeIfAbsent(id, x -> new AtomicInteger()).getAndIncrement();
            out = out.replace("{flip}", k % 2 == 0 ? "EDITOR" : "VIEWER");
        }
        return out;
    }

    private void phase(int offset, int count, long[] lat, Map<Integer, AtomicInteger> status) throws Exception {
        if (count <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong shown = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            all.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    HttpRequest req = request(offset + i);
                    long t0 = System.nanoTime();
                    int code;
                    try {
                        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                        code = resp.statusCode();
                        if (etagUrl != null) {
                            String id = idAt(offset + i);
                            resp.headers().firstValue("ETag").ifPresent(e -> etags.put(id, e));
                        }
                        if (!expect.contains(code) && shown.getAndIncrement() < 3) {
                            System.err.println("unexpected " + code + " for " + req.method() + " " + req.uri() + ": "
                                    + resp.body().substring(0, Math.min(300, resp.body().length())));
                        }
                    } catch (Exception e) {
                        code = -1;
                        if (shown.getAndIncrement() < 3) {
                            System.err.println("error: " + e);
                        }
                    }
                    long d = System.nanoTime() - t0;
                    if (lat != null) {
                        lat[i] = d;
                        status.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
    }

    private long serverTicks() {
        if (serverPid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            // fields after the command name (which may hold spaces) start at the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14th) + stime (15th)
        } catch (Exception e) {
            return -1;
        }
    }

    private static long clockTicksPerSecond() {
        return Long.getLong("clk.tck", 100);
    }

    private static double pct(long[] s, double p) {
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, i)] / 1e6;
    }
}
