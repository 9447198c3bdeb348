package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's quickstart as a newcomer meets it: the dev profile's quickstart goal run by the Maven wrapper, in
 * Maven's JVM as {@code ./mvnw -Pdev} runs it (its build steps are the suite's own, done already), on ports and
 * directories of its own and with none of the suite's settings. Its console is read as a person reads it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickstartIT {

    private static final int HTTP = Integer.getInteger("it.http.port", 18080) + 20;
    private static final int DB = HTTP + 1;
    private static final int SMTP = HTTP + 2;
    private static final String BASE = "http://localhost:" + HTTP;
    private static final Path WORK = Path.of("target/quickstart-it");
    private static final Path CONSOLE = WORK.resolve("console.log");
    private static final Pattern MAIL = Pattern.compile("--- mail to (\\S+): (.+)\\n((?: {4}\\S+\\n)*)");

    private static Process quickstart;
    private static List<ProcessHandle> started;

    @BeforeAll
    static void start() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-q", "-Pdev", "exec:java@quickstart",
                "-Dquickstart.http.port=" + HTTP, "-Dquickstart.db.port=" + DB, "-Dquickstart.smtp.port=" + SMTP,
                "-Dquickstart.work=" + WORK, "-Dquickstart.data=" + WORK.resolve("postgres"))
                .redirectErrorStream(true).redirectOutput(CONSOLE.toFile());
        // A newcomer's shell: none of the suite's settings (DB_URL, SMTP_PORT...) reach the quickstart.
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(Set.of("PATH", "HOME", "LANG", "USER", "TMPDIR"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        quickstart = builder.start();
        awaitConsole("Latchkey is running at", Duration.ofMinutes(4));
        started = quickstart.descendants().toList();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (quickstart != null && quickstart.isAlive()) {
            quickstart.destroy();
            if (!quickstart.waitFor(60, TimeUnit.SECONDS)) {
                quickstart.descendants().forEach(ProcessHandle::destroyForcibly);
                quickstart.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void issue29_9_itListensOnLoopbackOnlyAndSaysSo() throws IOException {
        assertTrue(console().contains("Latchkey is running at " + BASE), console());
        assertTrue(console().contains("on this computer only"), console());
        // Issue 29.7: SLF4J's six warnings came before the banner (javac's warnings fail the build now).
        assertFalse(console().contains("SLF4J"), console());
        assertTrue(console().startsWith("Starting Payara Micro"), console());
        for (int port : List.of(HTTP, SMTP, DB)) {
            Set<InetAddress> addresses = ListeningSockets.addressesListeningOn(port);
            assertFalse(addresses.isEmpty(), "something listens on " + port);
            assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), port + " listens on " + addresses);
        }
        assertEquals(Set.of(HTTP), ListeningSockets.ofProcessListeningOn(HTTP), "Payara listens on its HTTP port only");
    }

    /**
     * Mails to carol and dave, interleaved, as the first walk through the quickstart sent them: each is printed once,
     * in order, with one link, and that link works as printed.
     */
    @Test
    @Order(2)
    void issue29_1_2_everyMailIsPrintedOnceInOrderWithOneWorkingLink() throws IOException {
        String carol = Users.newEmail();
        String dave = Users.newEmail();
        for (String email : List.of(carol, dave)) {
            assertEquals(201, Api.post(BASE + Paths.REGISTER, json("name", "New Comer", "email", email,
                    "password", Users.PASSWORD, "confirm_password", Users.PASSWORD)).status());
        }
        assertEquals(200, Api.post(BASE + Paths.RESET, json("email", carol)).status());
        assertEquals(200, Api.post(BASE + Paths.RESET, json("email", dave)).status());

        List<Mail> mails = awaitMails(4);
        assertEquals(List.of(carol + " Verify your email address", dave + " Verify your email address",
                carol + " Reset your password", dave + " Reset your password"),
                mails.stream().map(mail -> mail.to() + " " + mail.subject()).toList(), console());
        for (Mail mail : mails) {
            assertEquals(1, mail.links().size(), mail.toString());
            URI link = URI.create(mail.links().get(0));
            assertEquals(BASE, link.getScheme() + "://" + link.getAuthority(), mail.toString());
            assertTrue(link.getRawQuery().matches("token=lk[a-z]_[A-Za-z0-9_-]+"), mail.toString());
            assertEquals(200, Api.get(link.toString()).status(), "the SPA's page opens at " + link);
        }
        String verifyCarol = token(mails.get(0));
        assertEquals(200, Api.patch(BASE + Paths.VERIFY, json("token", verifyCarol)).status());
        String newPassword = "a brand new passphrase";
        assertEquals(200, Api.patch(BASE + Paths.UPDATE, json("token", token(mails.get(2)),
                "password", newPassword, "confirm_password", newPassword)).status());
        assertEquals(200, Api.post(BASE + Paths.LOGIN, json("email", carol, "password", newPassword)).status());
    }

    @Test
    @Order(3)
    void issue29_5_signInByEmailedCodeIsOn() {
        Api.Reply offer = Api.get(BASE + Paths.LOGIN_EMAIL);
        assertEquals(200, offer.status(), offer.text());
        assertTrue(offer.json().getBoolean("enabled"), offer.text());
    }

    /** A plain kill, as a process manager or an IDE stops it: everything it started stops, and the build succeeds. */
    @Test
    @Order(4)
    void issue29_8_sigtermStopsEverythingCleanlyWithExitStatusZero() throws Exception {
        assertFalse(started.isEmpty(), "Payara and PostgreSQL run as child processes");
        quickstart.destroy(); // SIGTERM
        assertTrue(quickstart.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
        assertEquals(0, quickstart.exitValue(), console());
        assertTrue(console().contains("Stopping Latchkey"), console());
        assertTrue(console().strip().endsWith("Stopped."), console());
        assertFalse(console().contains("Exception"), console());
        for (ProcessHandle child : started) {
            assertTrue(child.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS)
                    .thenApply(done -> !child.isAlive()).get(), "left running: " + child.info());
        }
        for (int port : List.of(HTTP, SMTP, DB)) {
            assertTrue(ListeningSockets.addressesListeningOn(port).isEmpty(), port + " still open");
        }
    }

    private record Mail(String to, String subject, List<String> links) {
    }

    private static List<Mail> awaitMails(int count) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Mail> mails = mails();
        while (mails.size() < count && Instant.now().isBefore(deadline)) {
            Mailbox.sleep(Duration.ofMillis(200));
            mails = mails();
        }
        // A mail printed twice, or a stray one, would come a moment later: the relay sends one after the other.
        Mailbox.sleep(Duration.ofSeconds(3));
        return mails();
    }

    private static List<Mail> mails() throws IOException {
        List<Mail> mails = new ArrayList<>();
        Matcher matcher = MAIL.matcher(console());
        while (matcher.find()) {
            mails.add(new Mail(matcher.group(1), matcher.group(2),
                    matcher.group(3).lines().map(String::strip).toList()));
        }
        return mails;
    }

    private static String token(Mail mail) {
        return URI.create(mail.links().get(0)).getRawQuery().substring("token=".length());
    }

    private static String console() throws IOException {
        return Files.readString(CONSOLE);
    }

    private static void awaitConsole(String text, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (!console().contains(text)) {
            if (!quickstart.isAlive() || Instant.now().isAfter(deadline)) {
                fail("the quickstart did not start:\n" + console());
            }
            Mailbox.sleep(Duration.ofMillis(500));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
