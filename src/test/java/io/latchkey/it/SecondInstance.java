package io.latchkey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Payara Micro running the same WAR on the same database, started the way production starts it (post-boot
 * commands, environment), sharing nothing with the Arquillian instance but PostgreSQL. Started once, on first use,
 * for the whole suite, and configured differently where the suite needs a second configuration: it conceals
 * existing accounts at registration, and trusts no proxy.
 */
final class SecondInstance {

    static final int PORT = Integer.getInteger("it.http.port", 18080) + 1;
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final Map<String, String> SETTINGS = Map.of(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", BASE + "/.well-known/jwks.json",
            "REGISTRATION_CONCEAL_EXISTING", "true",
            "TRUSTED_PROXIES", "",
            "SHUTDOWN_DRAIN_DELAY", "PT2S");

    private static final Path PREBOOT = Path.of("server-config/payara-micro-preboot.asadmin").toAbsolutePath();

    private static SecondInstance shared;

    private final Process process;

    private SecondInstance(Process process) {
        this.process = process;
    }

    static synchronized SecondInstance shared() {
        if (shared == null) {
            shared = start(Map.of());
        }
        return shared;
    }

    /** Stops the shared instance and starts it again, with extra settings for this start only. */
    static synchronized void restart(Map<String, String> extraSettings) {
        stopShared();
        shared = start(extraSettings);
    }

    /** Sends the shared instance SIGTERM, as an orchestrator does, and hands over its process; the next user starts another. */
    static synchronized Process terminateShared() {
        Process process = shared().process;
        shared = null;
        process.destroy();
        return process;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    private static SecondInstance start(Map<String, String> extraSettings) {
        Path target = Path.of("target").toAbsolutePath();
        Path log = target.resolve("second-instance.log");
        // A fresh root each time: Payara Micro redeploys what an old root holds, racing the --deploy of this start.
        Path root = target.resolve("payara-second");
        deleteTree(root);
        try {
            io.latchkey.dev.Quickstart.createPrivateDirectory(root);   // as the quickstart and the README make it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + target.resolve("payara-tmp"),
                "-jar", target.resolve("runtime/payara-micro.jar").toString(),
                "--deploy", target.resolve("latchkey.war").toString(),
                "--nocluster", "--port", String.valueOf(PORT),
                "--prebootcommandfile", PREBOOT.toString(),
                "--postbootcommandfile", Path.of("server-config/payara-micro.asadmin").toAbsolutePath().toString(),
                "--postdeploycommandfile", Path.of("server-config/payara-micro-postdeploy.asadmin").toAbsolutePath().toString(),
                "--addLibs", target.resolve("runtime/postgresql.jar").toString(),
                "--rootdir", root.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Everything else (database, SMTP, issuer, lifetimes) as the first instance has it.
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.putAll(extraSettings);
        builder.environment().putAll(settings);
        try {
            Ports.awaitFree(PORT);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            SecondInstance instance = new SecondInstance(builder.start());
            instance.awaitReady(log, logStart);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Path log, long logStart) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(BASE + "/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // Payara keeps running after a failed deployment: its log says so.
            if (Files.readString(log).substring((int) logStart).contains("Exception while loading the app")) {
                break;
            }
            Mailbox.sleep(Duration.ofMillis(500));
        }
        stop();
        List<String> lines = Files.readAllLines(log);
        throw new IllegalStateException("The second instance did not start; its log:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
