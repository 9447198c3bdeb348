package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static io.latchkey.it.support.Api.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an attacker found around credential changes (issue 14, points 3, 4, 7, 9, 11): sessions that outlive the
 * password they were signed in with, single-use links used many times, guessing through a stolen access token,
 * pre-account takeover, reset links that outlive a password change.
 */
abstract class CredentialChangeSecurityTests {

    static final String CHANGE = Paths.CHANGE_PASSWORD;
    static final String NEW_PASSWORD = "a brand new pass phrase";

    /** Logins with the old password, in a loop from six addresses, while the owner changes it. */
    static final class Attackers implements AutoCloseable {
        private final ExecutorService threads = Executors.newFixedThreadPool(6);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Api.Reply> signedIn = Collections.synchronizedList(new ArrayList<>());

        Attackers(String email) {
            for (int i = 0; i < 6; i++) {
                threads.submit(() -> {
                    while (running.get()) {
                        Api.Reply reply = Api.send(Api.request(Paths.LOGIN)
                                .setHeader("X-Forwarded-For", Api.freshClientAddress())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        json("email", email, "password", Users.PASSWORD).build().toString())));
                        if (reply.status() == 200) {
                            signedIn.add(reply);
                        }
                    }
                    return null;
                });
            }
            Await.until(() -> signedIn.size() >= 6, "the attackers sign in");
        }

        /** Every session the attackers got, once they have stopped. */
        List<Api.Reply> stop() throws InterruptedException {
            Mailbox.sleep(java.time.Duration.ofMillis(300));
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            return List.copyOf(signedIn);
        }

        @Override
        public void close() {
            running.set(false);
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("Issue 14.3: a password reset ends every session of the old password, also of logins that checked it concurrently")
    void aResetEndsTheSessionsOfLoginsThatRacedIt() throws Exception {
        String email = Users.newUser();
        Api.post(Paths.RESET, json("email", email));
        String token = Mailbox.token(email, 2, Paths.RESET_LINK);
        List<Api.Reply> stolen;
        try (Attackers attackers = new Attackers(email)) {
            Api.Reply reset = patch(Paths.UPDATE,
                    json("token", token, "password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD));
            assertEquals(200, reset.status(), reset.text());
            stolen = attackers.stop();
        }
        assertAllDead(stolen);
    }

    @Test
    @DisplayName("Issue 14.3: a password change ends every other session of the old password, also of logins that checked it concurrently")
    void aChangeEndsTheSessionsOfLoginsThatRacedIt() throws Exception {
        String email = Users.newUser();
        String owner = Users.login(email, Users.PASSWORD).getString("token");
        List<Api.Reply> stolen;
        try (Attackers attackers = new Attackers(email)) {
            Api.Reply changed = patch(CHANGE, owner,
                    json("current_password", Users.PASSWORD, "password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD));
            assertEquals(200, changed.status(), changed.text());
            stolen = attackers.stop();
        }
        assertAllDead(stolen);
        assertEquals(200, Api.get(Paths.ME, owner).status(), "the session that changed it lives on");
    }

    private static void assertAllDead(List<Api.Reply> stolen) {
        assertTrue(stolen.size() >= 6);
        for (Api.Reply login : stolen) {
            assertEquals(401, Api.get(Paths.ME, login.json().getString("token")).status(), "access token of a stolen session");
            assertEquals(401, RefreshCookies.refresh(RefreshCookies.of(login).value()).status(), "refresh cookie of a stolen session");
        }
    }

    @Test
    @DisplayName("Issue 14.4: ten concurrent uses of one reset link: exactly one succeeds, one notice is sent")
    void aResetLinkIsSingleUseUnderConcurrency() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        Api.post(Paths.RESET, json("email", email));
        String token = Mailbox.token(email, 2, Paths.RESET_LINK);

        List<Integer> statuses = AtOnce.statuses(10, i -> patch(Paths.UPDATE, json("token", token,
                "password", NEW_PASSWORD + " " + i, "confirm_password", NEW_PASSWORD + " " + i)).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(1, Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = 'PASSWORD_RESET'", userId));
        Mailbox.assertNoMore(email, 3);
        assertEquals(1, Mailbox.of(email).stream().filter(m -> m.subject().equals("Your password was changed")).count());
    }

    @Test
    @DisplayName("Issue 14.4: ten concurrent uses of one verification link verify once (the others succeed harmlessly)")
    void aVerificationLinkVerifiesOnceUnderConcurrency() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);

        List<Integer> statuses = AtOnce.statuses(10, i -> patch(Paths.VERIFY, json("token", token)).status());

        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), statuses);
        assertEquals(1, Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = 'EMAIL_VERIFIED'", userId));
    }

    @Test
    @DisplayName("Issue 14.7: wrong current passwords are throttled like failed logins and audited")
    void aStolenAccessTokenCannotGuessThePassword() {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        for (int i = 1; i <= 5; i++) {
            assertProblem(patch(CHANGE, token, json("current_password", "guess " + i, "password", NEW_PASSWORD,
                    "confirm_password", NEW_PASSWORD)), 422);
        }
        assertProblem(patch(CHANGE, token, json("current_password", Users.PASSWORD, "password", NEW_PASSWORD,
                "confirm_password", NEW_PASSWORD)), 429);
        assertEquals(5, Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = 'PASSWORD_CHANGE_FAILED'", userId));
        assertProblem(Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD)), 429);
        Api.actAs(Api.freshClientAddress());
        Users.login(email, Users.PASSWORD);   // the owner, elsewhere, is not locked out
    }

    @Test
    @DisplayName("Issue 14.9: verifying an address ends the sessions made before it (pre-account takeover)")
    void verifyingEndsTheSessionsOfWhoeverRegisteredFirst() {
        String victim = Users.newEmail();
        Users.register(victim);
        Api.Reply attacker = RefreshCookies.login(victim);
        String token = Mailbox.last(victim, 1).token(Paths.VERIFY_LINK);

        assertEquals(200, patch(Paths.VERIFY, json("token", token)).status());

        assertEquals(401, Api.get(Paths.ME, attacker.json().getString("token")).status());
        assertEquals(401, RefreshCookies.refresh(RefreshCookies.of(attacker).value()).status());
        assertEquals(200, patch(Paths.VERIFY, json("token", token)).status(), "again, harmlessly");
    }

    @Test
    @DisplayName("Issue 14.11: a password change kills the reset links already sent")
    void aPasswordChangeKillsOutstandingResetLinks() {
        String email = Users.newUser();
        Api.post(Paths.RESET, json("email", email));
        String link = Mailbox.token(email, 2, Paths.RESET_LINK);
        String token = Users.login(email, Users.PASSWORD).getString("token");
        assertEquals(200, patch(CHANGE, token, json("current_password", Users.PASSWORD, "password", NEW_PASSWORD,
                "confirm_password", NEW_PASSWORD)).status());

        assertProblem(patch(Paths.UPDATE, json("token", link, "password", "the attacker's phrase",
                "confirm_password", "the attacker's phrase")), 400);
        Users.login(email, NEW_PASSWORD);
    }
}
