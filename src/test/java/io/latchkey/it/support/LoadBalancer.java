package io.latchkey.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy in front of Latchkey instances on loopback, configured as docs/DEPLOYMENT.md advises: health
 * checks of /health/ready twice a second (one failure takes an instance out, two successes put it back), a request
 * whose connection fails retried on the other instance, and a problem body of its own when no instance is up.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Path CONFIG = Path.of("target/haproxy.cfg").toAbsolutePath();
    private static final Path NONE_UP = Path.of("target/haproxy-503.http").toAbsolutePath();
    /** HAProxy's own view of the instances, asked on a Unix socket: no port of its own besides the front end. */
    private static final Path STATS = Path.of("target/haproxy.sock").toAbsolutePath();

    private final int port;
    private final Process process;

    private LoadBalancer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** HAProxy on {@code port} balancing over the instances on {@code backends}, once it listens. */
    public static LoadBalancer start(int port, List<Integer> backends) {
        try {
            Files.writeString(NONE_UP, """
                    HTTP/1.1 503 Service Unavailable\r
                    Content-Type: application/problem+json\r
                    Retry-After: 5\r
                    Cache-Control: no-store\r
                    Connection: close\r
                    \r
                    {"type":"urn:latchkey:problem:service-unavailable","title":"Service unavailable","status":503,"detail":"The service is temporarily unavailable; try again shortly","message":"The service is temporarily unavailable; try again shortly"}
                    """);
            Files.writeString(CONFIG, config(port, backends));
            Ports.awaitFree(port);
            Process process = new ProcessBuilder("haproxy", "-db", "-f", CONFIG.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/haproxy.log").toFile()))
                    .start();
            LoadBalancer balancer = new LoadBalancer(port, process);
            balancer.awaitListening();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy did not start (apt-get install haproxy)", e);
        }
    }

    public static String config(int port, List<Integer> backends) {
        return """
                global
                    maxconn 2000
                    stats socket %s mode 600 level user
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout http-keep-alive 10s
                    # Whole requests before they are forwarded: slow clients wait here, not on request threads.
                    option http-buffer-request
                    timeout http-request 10s
                    # A connection an instance refused (stopped, crashed) is tried again on another instance.
                    retries 3
                    option redispatch 1
                    retry-on conn-failure
                frontend latchkey
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option forwardfor
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 1 rise 2
                    errorfile 503 %s
                %s
                """.formatted(STATS, port, NONE_UP, backends.stream()
                .map(backend -> "    server i" + backend + " 127.0.0.1:" + backend + " check")
                .collect(Collectors.joining("\n")));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until HAProxy's health checks find the instance on {@code backend} in the state given, UP or DOWN
     * (between them it says "DOWN 1/2": one of the two checks that put an instance back has passed).
     */
    public void await(int backend, String state, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        String seen = state(backend);
        while (!seen.equals(state) && Instant.now().isBefore(deadline)) {
            Mailbox.sleep(Duration.ofMillis(100));
            seen = state(backend);
        }
        if (!seen.equals(state)) {
            throw new IllegalStateException("HAProxy sees the instance on " + backend + " " + seen + ", not " + state);
        }
    }

    /** The status HAProxy's "show stat" gives the instance on {@code backend}: UP, DOWN, UP 1/2, ... */
    public String state(int backend) {
        List<String> rows = ask("show stat");
        List<String> columns = List.of(rows.get(0).substring(2).split(","));
        int name = columns.indexOf("svname");
        int status = columns.indexOf("status");
        return rows.stream().skip(1).map(row -> row.split(","))
                .filter(row -> row.length > status && row[name].equals("i" + backend))
                .map(row -> row[status]).findFirst()
                .orElseThrow(() -> new IllegalStateException("HAProxy has no instance on " + backend + ": " + rows));
    }

    private static List<String> ask(String command) {
        try (SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(STATS))) {
            socket.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (socket.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.US_ASCII).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy's stats socket did not answer", e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Mailbox.sleep(Duration.ofMillis(100));
            }
        }
        close();
        throw new IllegalStateException("HAProxy does not listen on " + port + "; see target/haproxy.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
