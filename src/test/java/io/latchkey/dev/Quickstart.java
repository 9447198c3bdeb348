package io.latchkey.dev;

import io.latchkey.runtime.TermSignal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The README's first command ({@code ./mvnw -Pdev}): Latchkey on Payara Micro at http://localhost:8080 with an
 * embedded PostgreSQL (data kept in .data/ across restarts) and a mail catcher that prints every message. Payara
 * is started exactly as in production (post-boot commands from server-config/, settings from the environment),
 * only with quickstart values, and on loopback only: development accounts are not served to the network.
 *
 * <p>It runs inside Maven's JVM (exec:java), which takes SIGINT (Ctrl-C) and SIGTERM (a plain {@code kill}, as a
 * process manager or an IDE sends) as a request to stop: Payara, the mail catcher and PostgreSQL stop, and the build
 * ends with success, exit status 0. With the JVM's own handling, SIGTERM left all three running, and the build failed.
 */
public final class Quickstart {

    static final int HTTP_PORT = Integer.getInteger("quickstart.http.port", 8080);
    static final int DB_PORT = Integer.getInteger("quickstart.db.port", 15432);
    static final int SMTP_PORT = Integer.getInteger("quickstart.smtp.port", 2525);
    /** Payara's root, log and temporary files; recreated at each start. */
    static final String WORK = System.getProperty("quickstart.work", "target/quickstart");
    /** PostgreSQL's data, kept across starts. */
    static final String DATA = System.getProperty("quickstart.data", ".data/postgres");
    /** Added to the production pre-boot commands: the HTTP listener takes connections on loopback only. */
    static final String LOOPBACK = "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address=127.0.0.1";

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(project.resolve(WORK));
        Path log = work.resolve("payara.log");
        Instant started = Instant.now();

        EmbeddedPostgres database = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(project.resolve(DATA)))
                .setCleanDataDirectory(false)
                .setPort(DB_PORT)
                .start();
        MailCatcher mail = MailCatcher.start(SMTP_PORT, System.out);
        Process payara = startPayara(project, work, log);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                stop(payara, mail, database);
                stopped.countDown();
            }
        };
        boolean signals = TermSignal.on("INT", stop) & TermSignal.on("TERM", stop);
        // Any other way out (a failed start, a JVM without signal handlers): stop them all the same.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "quickstart-stop"));

        String base = "http://localhost:" + HTTP_PORT;
        if (!awaitReady(payara, log)) {
            System.out.println("Latchkey did not start; see " + project.relativize(log));
            stop.run();
            System.exit(1);
        }
        System.out.printf("%n  Latchkey is running at %s  (ready in %d s; on this computer only)%n", base,
                Duration.between(started, Instant.now()).toSeconds());
        System.out.printf("  API: %s/api/v1   keys: %s/.well-known/jwks.json%n", base, base);
        if (System.getenv("DB_URL") == null) {
            System.out.printf("  Database: embedded PostgreSQL on 127.0.0.1:%d, data in %s%n", DB_PORT, DATA);
        } else {
            System.out.println("  Database: DB_URL (the embedded PostgreSQL is started but unused)");
        }
        System.out.printf("  Mail: every message is caught on 127.0.0.1:%d and printed here, with its links%n",
                SMTP_PORT);
        System.out.printf("  Server log: %s   Stop: Ctrl-C%n%n", project.relativize(log));
        if (signals) {
            // Payara ends by itself only when it fails; then everything else stops too.
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (!payara.isAlive()) {
                    System.out.println("Payara Micro stopped by itself; see " + project.relativize(log));
                    stop.run();
                }
            }
        } else {
            payara.waitFor();
        }
    }

    private static Process startPayara(Path project, Path work, Path log) throws IOException {
        Path runtime = project.resolve("target/runtime");
        // A fresh root each start: Payara Micro redeploys what an old root holds, racing the --deploy below.
        deleteTree(work.resolve("payara-root"));
        createPrivateDirectory(work.resolve("payara-root"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The memory settings the README recommends: the live heap stays near 110 MB under load, and the whole
                // heap is touched at start, so resident memory is flat from the first request instead of creeping up.
                "-Xms224m", "-Xmx224m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                "-jar", runtime.resolve("payara-micro.jar").toString(),
                "--deploy", project.resolve("target/latchkey.war").toString(),
                "--nocluster",
                "--port", String.valueOf(HTTP_PORT),
                "--prebootcommandfile", preboot(project, work).toString(),
                "--postbootcommandfile", project.resolve("server-config/payara-micro.asadmin").toString(),
                "--postdeploycommandfile", project.resolve("server-config/payara-micro-postdeploy.asadmin").toString(),
                "--addLibs", runtime.resolve("postgresql.jar").toString(),
                "--rootdir", work.resolve("payara-root").toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // glibc gives each busy thread its own malloc arena (up to 8 per core): resident memory nobody uses.
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        env.putIfAbsent("DB_URL", "jdbc:postgresql://127.0.0.1:" + DB_PORT + "/postgres");
        env.putIfAbsent("DB_USER", "postgres");
        env.putIfAbsent("DB_PASSWORD", "postgres");
        env.putIfAbsent("SMTP_HOST", "127.0.0.1");
        env.putIfAbsent("SMTP_PORT", String.valueOf(SMTP_PORT));
        env.putIfAbsent("APP_FRONTEND_URL", "http://localhost:" + HTTP_PORT);
        env.putIfAbsent("JWT_ISSUER", "http://localhost:" + HTTP_PORT);
        // Every way to sign in is there to try; production turns this one on itself (README).
        env.putIfAbsent("EMAIL_LOGIN_ENABLED", "true");
        // Nobody balances load onto a laptop: Ctrl-C stops at once instead of serving on for five seconds.
        env.putIfAbsent("SHUTDOWN_DRAIN_DELAY", "PT0S");
        System.out.println("Starting Payara Micro (the first start takes about half a minute)...");
        return builder.start();
    }

    /** The production pre-boot commands, and the listener on loopback. */
    private static Path preboot(Path project, Path work) throws IOException {
        String production = Files.readString(project.resolve("server-config/payara-micro-preboot.asadmin"));
        return Files.writeString(work.resolve("preboot.asadmin"), production + "\n# The quickstart's own:\n" + LOOPBACK + "\n");
    }

    /**
     * A directory only its owner may enter (0700): Payara writes the resolved pool settings, the database password
     * included, into its root's config/domain.xml with permissions 0644.
     */
    public static Path createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        if (!Files.exists(directory)) {
            Files.createDirectory(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return directory;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Ready means the keys are published: the WAR deployed, migrated its schema and loaded its signing key. */
    private static boolean awaitReady(Process payara, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (payara.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // Payara keeps running after a failed deployment: its log says so before the port answers 404.
            if (Files.readString(log).contains("Exception while loading the app")) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private static void stop(Process payara, MailCatcher mail, EmbeddedPostgres database) {
        System.out.println("\nStopping Latchkey, the mail catcher and PostgreSQL...");
        payara.destroy();
        try {
            if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            payara.destroyForcibly();
        }
        mail.close();
        try {
            database.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        System.out.println("Stopped.");
    }
}
