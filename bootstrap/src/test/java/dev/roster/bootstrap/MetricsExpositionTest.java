package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The un-scoped /metrics as Payara Micro 6.2025.10 writes it (base and vendor repeated at the end), once per series. */
class MetricsExpositionTest {
    static final String RUNTIME = """
            # TYPE system_cpu_load gauge
            # HELP system_cpu_load Recent cpu usage.
            system_cpu_load{mp_scope="vendor"} 0.0
            # TYPE gc_total counter
            # HELP gc_total Collections.
            gc_total{mp_scope="base",name="G1 Young Generation"} 31.0
            gc_total{mp_scope="base",name="G1 Old Generation"} 0.0
            # TYPE roster_logins_total counter
            # HELP roster_logins_total Password logins by outcome.
            roster_logins_total{mp_scope="application",outcome="failure"} 0.0
            roster_logins_total{mp_scope="application",outcome="success"} 2.0
            system_cpu_load{mp_scope="vendor"} 1.0
            gc_total{mp_scope="base",name="G1 Young Generation"} 32.0
            gc_total{mp_scope="base",name="G1 Old Generation"} 0.0
            """;

    static String dedup(String s) {
        return new String(MetricsExposition.withoutRepeats(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void eachSeriesOnceInItsFamilysGroup() {
        String out = dedup(RUNTIME);
        assertThat(out).isEqualTo("""
                # TYPE system_cpu_load gauge
                # HELP system_cpu_load Recent cpu usage.
                system_cpu_load{mp_scope="vendor"} 0.0
                # TYPE gc_total counter
                # HELP gc_total Collections.
                gc_total{mp_scope="base",name="G1 Young Generation"} 31.0
                gc_total{mp_scope="base",name="G1 Old Generation"} 0.0
                # TYPE roster_logins_total counter
                # HELP roster_logins_total Password logins by outcome.
                roster_logins_total{mp_scope="application",outcome="failure"} 0.0
                roster_logins_total{mp_scope="application",outcome="success"} 2.0
                """);
        long series = Arrays.stream(out.split("\n")).filter(l -> !l.startsWith("#")).count();
        assertThat(series).isEqualTo(Arrays.stream(out.split("\n")).filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).distinct().count());
    }

    @Test
    void anAnswerWithoutRepeatsIsUnchanged() {
        String once = "# TYPE a gauge\na 1\nb{x=\"a b\"} 2\n# EOF\n";
        assertThat(dedup(once)).isEqualTo(once);
        assertThat(dedup("")).isEmpty();
        assertThat(dedup("a 1")).isEqualTo("a 1");
    }
}
