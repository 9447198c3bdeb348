package io.latchkey.it.support;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process running the built WAR on the suite's database, started the way production starts it (the
 * README's command: pre-boot, post-boot and post-deploy files, a root of its own), with the suite's environment
 * and the given settings on top. Its output goes to a log under target/.
 */
public final class Instance {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private Instance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts an instance called {@code name} (its root is target/payara-NAME, its log target/NAME-instance.log) and
     * waits until it serves.
     */
    public static Instance start(String name, int port, Map<String, String> settings) {
        Path target = Path.of("target").toAbsolutePath();
        Path log = target.resolve(name + "-instance.log");
        // A fresh root each time: Payara Micro redeploys what an old root holds, racing the --deploy of this start.
        Path root = target.resolve("payara-" + name);
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
                "--nocluster", "--port", String.valueOf(port),
                "--prebootcommandfile", config("payara-micro-preboot.asadmin"),
                "--postbootcommandfile", config("payara-micro.asadmin"),
                "--postdeploycommandfile", config("payara-micro-postdeploy.asadmin"),
                "--addLibs", target.resolve("runtime/postgresql.jar").toString(),
                "--rootdir", root.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Everything else (database, SMTP, issuer, lifetimes) as the suite's own instance has it.
        builder.environment().putAll(settings);
        try {
            Ports.awaitFree(port);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            Instance instance = new Instance(name, port, log, builder.start());
            instance.awaitReady(logStart);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(String file) {
        return Path.of("server-config", file).toAbsolutePath().toString();
    }

    public String name() {
        return name;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** The process's resident memory (VmRSS), in MiB. */
    public long residentMebibytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1);
        } catch (IOException gone) {
            return -1;
        }
    }

    /** SIGTERM, as an orchestrator sends it; waits for the exit (a hung stop is killed after 40 s). */
    public int terminate() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: the process ends at once, as in a crash or an out-of-memory kill; nothing of its own runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(long logStart) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        // Serving, not ready: an instance that refuses unsafe production settings serves, and is never ready.
        HttpRequest probe = HttpRequest.newBuilder(URI.create(base() + "/.well-known/jwks.json"))
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
            Mailbox.sleep(Duration.ofMillis(250));
        }
        terminate();
        List<String> lines = Files.readAllLines(log);
        throw new IllegalStateException("The instance " + name + " did not start; its log:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }
}
