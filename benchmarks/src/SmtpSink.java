// A minimal SMTP server for the benchmark: accepts every message on 127.0.0.1:<port>, counts it, keeps nothing.
// java -cp <dir> SmtpSink <port> <count file>
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

public final class SmtpSink {
    static final AtomicLong MESSAGES = new AtomicLong();

    public static void main(String[] a) throws Exception {
        Path count = Path.of(a[1]);
        try (ServerSocket server = new ServerSocket(Integer.parseInt(a[0]), 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket s = server.accept();
                Thread th = new Thread(() -> session(s, count));
                th.setDaemon(true);
                th.start();
            }
        }
    }

    static void session(Socket s, Path count) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = s.getOutputStream()) {
            say(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO" -> say(out, "250-sink\r\n250 8BITMIME");
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // discard
                        }
                        Files.writeString(count, Long.toString(MESSAGES.incrementAndGet()));
                        say(out, "250 OK");
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 OK");
                }
            }
        } catch (Exception ignored) {
            // a client that hangs up early is fine
        }
    }

    static void say(OutputStream out, String s) throws Exception {
        out.write((s + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
