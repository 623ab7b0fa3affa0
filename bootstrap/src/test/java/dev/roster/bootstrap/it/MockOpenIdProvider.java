package dev.roster.bootstrap.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider for the ITs (issue 19): {@code no.nav.security:mock-oauth2-server} run as a JVM of
 * its own (its Netty and Jackson never meet Payara's or the test's class path), from the class path the
 * build wrote, on a free loopback port, with its interactive login (a form of {@code username} = the
 * subject and a {@code claims} JSON). Each issuer is a path: {@code http://localhost:<port>/<name>}.
 */
final class MockOpenIdProvider implements AutoCloseable {
    static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
    private final Process process;
    final int port;

    private MockOpenIdProvider(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static MockOpenIdProvider start() throws Exception {
        Path cpFile = Path.of(System.getProperty("roster.mock-oauth2-server.classpath", "../it-oidc-provider/target/mock-oauth2-server.classpath"));
        String cp = Files.readString(cpFile, StandardCharsets.UTF_8).strip();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-Djava.io.tmpdir=target", "-cp", cp, MAIN));
        pb.environment().put("SERVER_HOSTNAME", "localhost");
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("JSON_CONFIG", "{\"interactiveLogin\":true}");
        pb.redirectErrorStream(true).redirectOutput(Path.of("target", "mock-oauth2-server.log").toFile());
        MockOpenIdProvider p = new MockOpenIdProvider(pb.start(), port);
        p.awaitReady();
        return p;
    }

    String issuer(String name) {
        return "http://localhost:" + port + "/" + name;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mock-oauth2-server exited: see target/mock-oauth2-server.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer("probe") + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250); // polling an external process's readiness: no clock port reaches it
        }
        close();
        throw new IllegalStateException("mock-oauth2-server did not answer within 90 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
