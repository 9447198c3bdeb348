package io.latchkey.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The steady traffic of an SPA's users, as the operations drills put it on a load balancer: each virtual user
 * (its own client address, from IPv6's documentation prefix, given in X-Forwarded-For as a client behind a proxy would) calls {@code me}, refreshes with rotation, signs in again now and then and registers a new
 * account every few rounds (each registration mails a verification link). It counts what a user would notice: any
 * 5xx or broken connection, any other unexpected answer, a refresh refused though this client alone held the
 * cookie (a false reuse detection: its session was revoked), an access token refused before it expired (a surprise
 * logout), and the mails the registrations were owed.
 */
public final class MixedLoad {

    private static final Duration PAUSE = Duration.ofMillis(40);
    private static final int SECONDS = 7200;
    /** Registrations are throttled per client address: each comes from an address of its own. */
    private static final AtomicInteger REGISTRATIONS = new AtomicInteger();
    /**
     * Each user of every load signs in from an address of its own: logins are throttled per address over a minute,
     * and a user of one drill must not inherit the sign-ins of the previous drill's user (seen in CI: 429s).
     */
    private static final AtomicInteger USERS = new AtomicInteger();

    private final String base;
    private final Instant started = Instant.now();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> users = new ArrayList<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    /** Requests answered after more than 2 s, for the report. */
    private final List<String> slowSamples = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder unavailable = new LongAdder();
    private final AtomicInteger falseReuses = new AtomicInteger();
    private final AtomicInteger surpriseLogouts = new AtomicInteger();
    private final List<String> registered = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLongArray answeredPerSecond = new AtomicLongArray(SECONDS);
    private final List<Long> latencyMicros = Collections.synchronizedList(new ArrayList<>());

    private MixedLoad(String base) {
        this.base = base;
    }

    /** {@code users} virtual users on {@code base}, each signed up and signed in before this returns. */
    public static MixedLoad start(String base, int users) {
        MixedLoad load = new MixedLoad(base);
        List<User> ready = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            User user = load.new User(i);
            user.signUp();
            ready.add(user);
        }
        for (User user : ready) {
            Thread thread = new Thread(user::run, "load-" + user.number);
            load.users.add(thread);
            thread.start();
        }
        return load;
    }

    /** Stops the users after their current request and returns what they saw. */
    public Tally stop() {
        stopping.set(true);
        for (Thread user : users) {
            try {
                user.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((kind, count) -> failed.put(kind, count.sum()));
        long seconds = Math.min(SECONDS, Duration.between(started, Instant.now()).toSeconds());
        long[] perSecond = new long[(int) seconds];
        for (int i = 0; i < perSecond.length; i++) {
            perSecond[i] = answeredPerSecond.get(i);
        }
        long[] latencies;
        synchronized (latencyMicros) {
            latencies = latencyMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        return new Tally(failed, List.copyOf(failureSamples), List.copyOf(slowSamples), unavailable.sum(), falseReuses.get(), surpriseLogouts.get(),
                List.copyOf(registered), perSecond, latencies);
    }

    /**
     * What the users saw; {@code unavailable} counts the 503 problems with Retry-After (a dependency down, or no
     * instance up), which a client retries; {@code perSecond} counts the answered requests of each second of the run.
     */
    public record Tally(Map<String, Long> failures, List<String> failureSamples, List<String> slowSamples, long unavailable, int falseReuses,
                 int surpriseLogouts,
                 List<String> registered, long[] perSecond, long[] latencyMicros) {

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        public long answered() {
            return Arrays.stream(perSecond).sum();
        }

        /** The requests answered in each whole minute of the run. */
        public long[] perMinute() {
            long[] minutes = new long[perSecond.length / 60];
            for (int second = 0; second < minutes.length * 60; second++) {
                minutes[second / 60] += perSecond[second];
            }
            return minutes;
        }

        /** The latency below which the given share of requests was answered, in milliseconds. */
        public double latencyMillis(double quantile) {
            if (latencyMicros.length == 0) {
                return 0;
            }
            return latencyMicros[(int) Math.min(latencyMicros.length - 1, quantile * latencyMicros.length)] / 1000.0;
        }

        public String summary() {
            return "answered=" + answered() + " failed=" + failed() + " unavailable_503=" + unavailable
                    + " false_reuses=" + falseReuses
                    + " surprise_logouts=" + surpriseLogouts + " registrations=" + registered.size()
                    + " p50_ms=" + latencyMillis(0.5) + " p99_ms=" + latencyMillis(0.99) + " max_ms=" + latencyMillis(1)
                    + (failures.isEmpty() ? "" : " failures=" + failures + " e.g. " + failureSamples)
                    + (slowSamples.isEmpty() ? "" : " slow=" + slowSamples);
        }
    }

    /**
     * Per registration, the verification mails its address received, once every mail had time to go: none (lost),
     * one, or more. A mail the SMTP server accepted whose sending was not recorded (a crash or a database outage at
     * that moment) goes again with the same Message-ID: {@code resent} counts those, {@code duplicated} the
     * addresses that received two different messages, which their owner would see twice.
     */
    public record Mails(int owed, int lost, int resent, int duplicated) {

        public static Mails of(List<String> recipients, Duration patience) {
            Instant deadline = Instant.now().plus(patience);
            Map<String, List<String>> received = received(recipients);
            while (received.values().stream().anyMatch(List::isEmpty) && Instant.now().isBefore(deadline)) {
                Mailbox.sleep(Duration.ofMillis(500));
                received = received(recipients);
            }
            Mailbox.sleep(Duration.ofSeconds(2));   // a mail sent twice would arrive now
            received = received(recipients);
            return new Mails(recipients.size(),
                    (int) received.values().stream().filter(List::isEmpty).count(),
                    (int) received.values().stream().filter(ids -> ids.size() > 1).count(),
                    (int) received.values().stream().filter(ids -> ids.stream().distinct().count() > 1).count());
        }

        /** Every mail delivered once. */
        public static Mails exactlyOnce(List<String> recipients) {
            return new Mails(recipients.size(), 0, 0, 0);
        }

        /** The Message-IDs each recipient received. */
        private static Map<String, List<String>> received(List<String> recipients) {
            Map<String, List<String>> ids = new HashMap<>();
            recipients.forEach(recipient -> ids.put(recipient, new ArrayList<>()));
            for (MimeMessage message : TestServices.mail().getReceivedMessages()) {
                try {
                    List<String> of = ids.get(message.getAllRecipients()[0].toString());
                    if (of != null) {
                        of.add(message.getMessageID());
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ids;
        }

        @Override
        public String toString() {
            return "mails_owed=" + owed + " mails_lost=" + lost + " mails_resent=" + resent
                    + " mails_seen_twice=" + duplicated;
        }
    }

    /** One virtual user: a browser tab of the SPA, with its own connection to the balancer. */
    private final class User {

        private final int number;
        private final String address;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String email = "load-" + UUID.randomUUID() + "@example.test";
        private String token;
        private String cookie;

        User(int number) {
            this.number = number;
            this.address = "2001:db8:2::" + Integer.toHexString(USERS.incrementAndGet());
        }

        void signUp() {
            HttpResponse<String> registration = send(Paths.REGISTER, register(email), null, null, freshAddress());
            if (registration == null || registration.statusCode() != 201) {
                throw new IllegalStateException("the load's user could not register: "
                        + (registration == null ? failureSamples : registration.body()));
            }
            if (!signIn()) {
                throw new IllegalStateException("the load's user could not sign in: " + failureSamples);
            }
        }

        void run() {
            for (int round = 1; !stopping.get(); round++) {
                me();
                me();
                refresh();
                me();
                if (round % 10 == 0) {
                    signIn();
                }
                if (round % 5 == 0) {
                    String newcomer = "load-" + UUID.randomUUID() + "@example.test";
                    HttpResponse<String> answer = send(Paths.REGISTER, register(newcomer), null, null, freshAddress());
                    if (answer != null && answer.statusCode() == 201) {
                        registered.add(newcomer);
                    } else if (answer != null) {
                        unexpected(answer);
                    }
                }
            }
        }

        private boolean signIn() {
            HttpResponse<String> answer = send(Paths.LOGIN, Json.createObjectBuilder().add("email", email)
                    .add("password", Users.PASSWORD).build().toString(), null, null, address);
            if (answer == null) {
                return false;
            }
            if (answer.statusCode() != 200) {
                unexpected(answer);
                return false;
            }
            token = json(answer).getString("token");
            cookie = refreshCookie(answer).orElseThrow();
            return true;
        }

        private void me() {
            HttpResponse<String> answer = send(Paths.ME, null, token, null, address);
            if (answer == null || answer.statusCode() == 200) {
                return;
            }
            if (answer.statusCode() == 401) {
                surpriseLogouts.incrementAndGet();
                failureSamples.add("me 401 for user " + number + ": " + answer.body());
                signIn();
            } else {
                unexpected(answer);
            }
        }

        private void refresh() {
            HttpResponse<String> answer = send(Paths.REFRESH, "", null, cookie, address);
            if (answer == null) {
                return;   // counted; the next round presents the same cookie, as a retrying SPA does
            }
            if (answer.statusCode() == 200) {
                token = json(answer).getString("token");
                cookie = refreshCookie(answer).orElse(cookie);
            } else if (answer.statusCode() == 401) {
                falseReuses.incrementAndGet();
                failureSamples.add("refresh 401 for user " + number + ": " + answer.body());
                signIn();
            } else {
                unexpected(answer);
            }
        }

        private String freshAddress() {
            return "2001:db8:1::" + Integer.toHexString(REGISTRATIONS.incrementAndGet());
        }

        /** The answer, or null after counting a 503 to retry, a broken connection or another 5xx. */
        private HttpResponse<String> send(String path, String body, String bearer, String refreshCookie,
                                          String clientAddress) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-Forwarded-For", clientAddress);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (refreshCookie != null) {
                request.header("Cookie", "refresh_cookie=" + refreshCookie);
            }
            if ("".equals(body)) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else if (body != null) {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            }
            long begin = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                answered(begin, answer);
                if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()
                        && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    unavailable.increment();
                    return null;
                }
                if (answer.statusCode() >= 500) {
                    fail(answer.statusCode() + " " + path, answer.statusCode() + " " + path + " "
                            + answer.headers().firstValue("Content-Type").orElse("") + " " + answer.body());
                    return null;
                }
                return answer;
            } catch (IOException broken) {
                fail("connection " + broken.getClass().getSimpleName(), path + " " + broken);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.set(true);
                return null;
            } finally {
                Mailbox.sleep(PAUSE);
            }
        }

        private void answered(long begin, HttpResponse<String> answer) {
            long now = System.nanoTime();
            latencyMicros.add((now - begin) / 1000);
            if (now - begin > 2_000_000_000L && slowSamples.size() < 10) {
                slowSamples.add(answer.statusCode() + " " + answer.uri().getPath() + " after "
                        + (now - begin) / 1_000_000 + " ms at " + Instant.now());
            }
            int second = (int) Duration.between(started, Instant.now()).toSeconds();
            if (second < SECONDS) {
                answeredPerSecond.incrementAndGet(second);
            }
        }

        private void unexpected(HttpResponse<String> answer) {
            fail("unexpected " + answer.statusCode() + " " + answer.uri().getPath(),
                    answer.statusCode() + " " + answer.uri().getPath() + " " + answer.body());
        }
    }

    private void fail(String kind, String sample) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (failureSamples.size() < 10) {
            failureSamples.add(sample);
        }
    }

    private static String register(String email) {
        return Json.createObjectBuilder().add("name", "Load User").add("email", email)
                .add("password", Users.PASSWORD).add("confirm_password", Users.PASSWORD).build().toString();
    }

    private static JsonObject json(HttpResponse<String> answer) {
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private static Optional<String> refreshCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("refresh_cookie=") && !c.startsWith("refresh_cookie=;"))
                .map(c -> c.substring("refresh_cookie=".length(), c.indexOf(';')))
                .findFirst();
    }
}
