package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No enumeration (issue 5, area 2): whether an address has an account shows neither in answers nor in timing.
 * Timing is compared by medians over 50 tries each, interleaved, each from a fresh client address.
 */
abstract class EnumerationSecurityTests {

    static final int TRIES = 50;
    static final double TOLERANCE = 0.20;
    static final int ROUNDS = 3;

    @Test
    @DisplayName("ASVS 5.0 V6.3.8: login answers an unknown email and a wrong password with the same bytes")
    void loginAnswersAlike() {
        String email = Users.newUser();

        Api.Reply wrongPassword = Api.post(Paths.LOGIN, json("email", email, "password", "not the password at all"));
        Api.Reply unknownEmail = Api.post(Paths.LOGIN, json("email", Users.newEmail(), "password", "not the password at all"));
        Api.Reply notAnEmail = Api.post(Paths.LOGIN, json("email", "nobody", "password", "not the password at all"));

        for (Api.Reply reply : List.of(wrongPassword, unknownEmail, notAnEmail)) {
            assertEquals("Invalid email or password", assertProblem(reply, 401).getString("message"));
            assertEquals(wrongPassword.text(), reply.text());
            assertEquals(Api.headersButDate(wrongPassword), Api.headersButDate(reply));
        }
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.8: login takes the same time for an unknown email and a wrong password (medians within 20 %)")
    void loginTakesTheSameTime() {
        List<String> known = registered(TRIES + 5);
        for (int i = 0; i < 5; i++) {
            String warmUp = known.get(TRIES + i);
            Timing.fresh(() -> Api.post(Paths.LOGIN, json("email", warmUp, "password", "warm up")));
            Timing.fresh(() -> Api.post(Paths.LOGIN, json("email", Users.newEmail(), "password", "warm up")));
        }
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownEmail = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String email = known.get(i);
            Api.actAs(Api.freshClientAddress());
            wrongPassword.add(Timing.nanos(() -> assertEquals(401, Api.post(Paths.LOGIN,
                    json("email", email, "password", "not the password at all")).status())));
            String nobody = Users.newEmail();
            Api.actAs(Api.freshClientAddress());
            unknownEmail.add(Timing.nanos(() -> assertEquals(401, Api.post(Paths.LOGIN,
                    json("email", nobody, "password", "not the password at all")).status())));
        }
        double difference = Timing.compare("login", "wrong password", wrongPassword, "unknown email", unknownEmail);
        assertTrue(difference < TOLERANCE, "medians differ by " + difference);
    }

    @Test
    @DisplayName("OWASP Forgot Password CS: a reset request answers every address with the same status, body and headers")
    void resetAnswersAlike() {
        String known = Users.newUser();
        Api.Reply forKnown = Api.post(Paths.RESET, json("email", known));
        Api.Reply forUnknown = Api.post(Paths.RESET, json("email", Users.newEmail()));

        assertEquals(200, forKnown.status());
        assertEquals(forKnown.text(), forUnknown.text());
        assertEquals(Api.headersButDate(forKnown), Api.headersButDate(forUnknown));
    }

    @Test
    @DisplayName("OWASP Forgot Password CS: a reset request takes the same time for known and unknown addresses (back-to-back pairs differ by under 20 % of a median)")
    void resetTakesTheSameTime() {
        List<String> known = registered(TRIES);
        for (int i = 0; i < 20; i++) {
            Timing.fresh(() -> Api.post(Paths.RESET, json("email", Users.newEmail())));
        }
        List<Long> forKnown = new ArrayList<>();
        List<Long> forUnknown = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String email = known.get(i);
            String nobody = Users.newEmail();
            timedPair(i, () -> forKnown.add(timedReset(email)), () -> forUnknown.add(timedReset(nobody)));
        }
        double difference = Timing.comparePairs("reset request", "known address", forKnown, "unknown address", forUnknown);
        assertTrue(difference < TOLERANCE, "medians differ by " + difference);
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.8: resend for someone else's account is 403 whether that account exists or not")
    void resendForOthersRevealsNothing() {
        String token = Users.accessToken();
        String existing = Users.register(Users.newEmail()).getString("id");

        Api.Reply forExisting = Api.postAs("/api/v1/auth/verify/resend/" + existing, token);
        Api.Reply forNobody = Api.postAs("/api/v1/auth/verify/resend/" + UUID.randomUUID(), token);

        assertProblem(forExisting, 403);
        assertEquals(forExisting.text(), forNobody.text());
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.8: the account throttle answers unknown and known addresses alike")
    void throttleRevealsNothing() {
        String known = Users.newUser();
        String unknown = Users.newEmail();
        Map<String, Api.Reply> sixth = new HashMap<>();
        for (String email : List.of(known, unknown)) {
            Api.actAs(Api.freshClientAddress());
            for (int i = 1; i <= 5; i++) {
                Api.post(Paths.LOGIN, json("email", email, "password", "guess"));
            }
            sixth.put(email, Api.post(Paths.LOGIN, json("email", email, "password", "guess")));
        }
        assertProblem(sixth.get(known), 429);
        assertEquals(sixth.get(known).text(), sixth.get(unknown).text());
    }

    @Test
    @DisplayName("Issue 14.5: /metrics is not public: a client gets 403, the operator's loopback Prometheus the counters")
    void metricsAreNotPublic() {
        Problems.assertProblem(Api.send(Api.request("/metrics").header("Accept", "text/plain").GET()), 403);
        Problems.assertProblem(Api.send(Api.request("/metrics/application").header("Accept", "text/plain").GET()), 403);
        Api.actAs(null);
        Api.Reply operator = Api.send(Api.request("/metrics?scope=application").header("Accept", "text/plain").GET());
        assertEquals(200, operator.status());
        assertTrue(operator.text().contains("latchkey_logins_total"), operator.text());
    }

    @Test
    @DisplayName("Issue 14.5: in conceal mode the registration counter moves alike for a taken and a new address")
    void theRegistrationCounterConcealsToo() {
        SecondInstance.shared();
        String taken = Users.newUser();
        String register = SecondInstance.BASE + Paths.REGISTER;
        double before = registrations();
        assertEquals(202, Api.post(register, json("name", "N", "email", taken, "password", Users.PASSWORD,
                "confirm_password", Users.PASSWORD)).status());
        double afterTaken = registrations();
        assertEquals(202, Api.post(register, json("name", "N", "email", Users.newEmail(), "password", Users.PASSWORD,
                "confirm_password", Users.PASSWORD)).status());
        assertEquals(afterTaken - before, registrations() - afterTaken, "taken: +" + (afterTaken - before));
        assertEquals(1.0, afterTaken - before);
    }

    private static double registrations() {
        String metrics = Api.send(Api.request(SecondInstance.BASE + "/metrics?scope=application")
                .header("Accept", "text/plain").header("Authorization", "Bearer " + BurstSecurityTests.METRICS_TOKEN)
                .GET()).text();   // the suite's second instance trusts no proxy: only the token makes a client the operator
        return metrics.lines().filter(l -> l.startsWith("latchkey_registrations_total")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    @DisplayName("API.md #1, conceal-existing-accounts mode: new and taken addresses both get 202; the owner of a taken one gets a notice")
    void concealedRegistration() {
        SecondInstance.shared();
        String taken = Users.newUser();
        String fresh = Users.newEmail();
        String register = SecondInstance.BASE + Paths.REGISTER;

        Api.Reply forTaken = Api.post(register, json("name", "Someone", "email", taken.toUpperCase(),
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));
        Api.Reply forFresh = Api.post(register, json("name", "Someone", "email", fresh,
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));

        assertEquals(202, forTaken.status(), forTaken.text());
        assertEquals("{\"message\":\"Check your email to continue\"}", forTaken.text());
        assertEquals(forTaken.text(), forFresh.text());
        assertEquals(Api.headersButDate(forTaken), Api.headersButDate(forFresh));
        Mailbox.titled(taken, 2, "You already have an account");
        assertEquals("Verify your email address", Mailbox.last(fresh, 1).subject());
        assertEquals(1, Database.count("select count(*) from users where lower(email) = lower(?)", taken));
        assertEquals(1, Database.count("select count(*) from users where email = ?", fresh));
    }

    @Test
    @DisplayName("ASVS V6.3.8: asking for a sign-in code and a wrong code take the same time for known and unknown addresses (back-to-back pairs differ by under 20 % of a median)")
    void emailedCodesTakeTheSameTime() {
        List<String> known = registered(TRIES);
        List<String> nobody = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            nobody.add(Users.newEmail());
        }
        for (int i = 0; i < 20; i++) {
            Timing.fresh(() -> Api.post(Paths.LOGIN_EMAIL, json("email", Users.newEmail())));
        }
        String start = Database.value("select now()::text").orElseThrow();
        List<Long> askKnown = new ArrayList<>();
        List<Long> askUnknown = new ArrayList<>();
        // Each address is asked ROUNDS times, within its hourly budget of codes, so every request does the same work.
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < TRIES; i++) {
                String email = known.get(i);
                String unknown = nobody.get(i);
                timedPair(round + i, () -> askKnown.add(timed(202, Paths.LOGIN_EMAIL, json("email", email))),
                        () -> askUnknown.add(timed(202, Paths.LOGIN_EMAIL, json("email", unknown))));
            }
        }
        // The relay's work for the known addresses (codes, mails) is done before the wrong codes are timed.
        Await.until(() -> Database.count("select count(*) from email_login_requests") == 0, "the requests resolved");
        Await.until(() -> Database.count("select count(*) from outbox_mails where created_at >= ?::timestamptz"
                + " and sent_at is null and failed_at is null", start) == 0, "the codes mailed");
        List<Long> wrongKnown = new ArrayList<>();
        List<Long> wrongUnknown = new ArrayList<>();
        // ROUNDS wrong tries of each code, fewer than the tries that spend it.
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < TRIES; i++) {
                String email = known.get(i);
                String unknown = nobody.get(i);
                timedPair(round + i,
                        () -> wrongKnown.add(timed(401, Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", "000000"))),
                        () -> wrongUnknown.add(timed(401, Paths.LOGIN_EMAIL_VERIFY, json("email", unknown, "code", "000000"))));
            }
        }
        double asking = Timing.comparePairs("sign-in code request", "known address", askKnown, "unknown address", askUnknown);
        double wrong = Timing.comparePairs("wrong sign-in code", "known address", wrongKnown, "unknown address", wrongUnknown);
        assertTrue(asking < TOLERANCE, "requests differ by " + asking);
        assertTrue(wrong < TOLERANCE, "wrong codes differ by " + wrong);
    }

    /** Times one of each kind back to back, alternating which goes first to spread any drift of the machine evenly. */
    private static void timedPair(int index, Runnable known, Runnable unknown) {
        (index % 2 == 0 ? known : unknown).run();
        (index % 2 == 0 ? unknown : known).run();
    }

    private static long timed(int status, String path, jakarta.json.JsonObjectBuilder body) {
        Api.actAs(Api.freshClientAddress());
        return Timing.nanos(() -> assertEquals(status, Api.post(path, body).status()));
    }

    private static long timedReset(String email) {
        Api.actAs(Api.freshClientAddress());
        return Timing.nanos(() -> assertEquals(200, Api.post(Paths.RESET, json("email", email)).status()));
    }

    /** New accounts, each registered from its own client address (registrations are bounded per address). */
    static List<String> registered(int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = Users.newEmail();
            Timing.fresh(() -> Users.register(email));
            emails.add(email);
        }
        return emails;
    }
}
