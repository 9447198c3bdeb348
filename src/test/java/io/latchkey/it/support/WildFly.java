package io.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The unchanged WAR on a WildFly from org.wildfly:wildfly-dist (unpacked by the build), configured the way an
 * operator would: server-config/wildfly.cli run offline by jboss-cli, the WAR dropped into deployments/, settings in
 * the environment. It gets a database of its own on the suite's PostgreSQL and shares the suite's SMTP server,
 * reached through a {@link SmtpGate}.
 */
public final class WildFly {

    public static final int PORT_OFFSET = 10200;
    public static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    /** WildFly serves MicroProfile Health on its management interface. */
    public static final String MANAGEMENT = "http://127.0.0.1:" + (9990 + PORT_OFFSET);
    public static final String DATABASE = "latchkey_wildfly";

    private final Process process;
    private final Path log;
    private final SmtpGate mailServer;

    private WildFly(Process process, Path log, SmtpGate mailServer) {
        this.process = process;
        this.log = log;
        this.mailServer = mailServer;
    }

    /** The suite's SMTP server as this WildFly reaches it, to be made slow or taken down. */
    public SmtpGate mailServer() {
        return mailServer;
    }

    public static WildFly start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("wildfly.home")).toAbsolutePath();
        Path target = Path.of("target").toAbsolutePath();
        // A fresh server base (configuration, deployments, data) each run; the unpacked distribution stays as it is.
        Path base = target.resolve("wildfly-base");
        Instance.deleteTree(base);
        copyTree(home.resolve("standalone"), base);
        Path log = target.resolve("wildfly.log");
        Files.deleteIfExists(log);
        freshDatabase();

        String baseDir = "-Djboss.server.base.dir=" + base;
        run(log, List.of(home.resolve("bin/jboss-cli.sh").toString(), baseDir,
                "-Dpostgresql.jar=" + target.resolve("runtime/postgresql.jar"),
                "--file=" + Path.of("server-config/wildfly.cli").toAbsolutePath()));
        Files.copy(target.resolve("latchkey.war"), base.resolve("deployments/latchkey.war"));

        ProcessBuilder server = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), baseDir,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = server.environment();
        // Everything else (lifetimes, intervals) as the suite's Payara Micro has it; SMTP through a gate of its own.
        SmtpGate mailServer = SmtpGate.open(Integer.getInteger("it.http.port") + 7);
        env.put("SMTP_PORT", String.valueOf(mailServer.port()));
        env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port") + "/" + DATABASE);
        env.put("JWT_ISSUER", BASE);
        env.put("APP_FRONTEND_URL", BASE);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", BASE + "/.well-known/jwks.json");
        env.put("TRUSTED_PROXIES", "");
        env.remove("EMAIL_LOGIN_ENABLED"); // the default, off, as WildFlyIT checks
        env.put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        // standalone.sh passes SIGTERM on to the server's JVM only when it runs it in the background.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        WildFly wildFly = new WildFly(server.start(), log, mailServer);
        wildFly.awaitDeployed();
        return wildFly;
    }

    /** When the deployment failed, WildFly still starts ("with errors"): the log says which. */
    private void awaitDeployed() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(BASE + "/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            String text = Files.readString(log);
            if (text.contains("WFLYSRV0026")) {
                break;
            }
            try {
                if (text.contains("WFLYSRV0025")
                        && http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException("WildFly did not deploy Latchkey; its log:\n" + tail(log));
    }

    public void stop() {
        mailServer.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private static void freshDatabase() {
        String url = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port") + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = c.createStatement()) {
            statement.execute("drop database if exists " + DATABASE);
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        String url = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port") + "/" + DATABASE;
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path log, List<String> command) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!cli.waitFor(3, TimeUnit.MINUTES) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new IllegalStateException("jboss-cli failed:\n" + tail(log));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
