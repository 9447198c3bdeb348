package io.latchkey.it;

import static io.latchkey.it.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.support.Api;
import io.latchkey.it.support.AtOnce;
import io.latchkey.it.support.Database;
import io.latchkey.it.support.Mailbox;
import io.latchkey.it.support.Paths;
import io.latchkey.it.support.Problems;
import io.latchkey.it.support.RefreshCookies;
import io.latchkey.it.support.Revocations;
import io.latchkey.it.support.SecondInstance;
import io.latchkey.it.support.Timing;
import io.latchkey.it.support.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin API over HTTP: who may call it (the 401/403 matrix of every endpoint), each action's effect through
 * the API and on the tables with its audit event, the list's search, filters and keyset paging (every user exactly
 * once while others come and go), and no secret in any answer. Admins here are granted in the database, as the
 * command line does, and sign in with a passkey ({@code amr} {@code hwk}).
 */
abstract class AdminTests {

    static final String USERS = "/api/v1/admin/users";
    static final String AUDIT = "/api/v1/admin/audit";
    static final String BULK = "/api/v1/admin/sessions/revoke";
    static final String STEP_UP = "urn:latchkey:problem:step-up-required";
    /** An address of ADMIN_EMAILS in the suite's settings (pom.xml). */
    static final String CONFIGURED_ADMIN = "first-admin@admins.example.test";

    /** An admin signed in with a passkey: the token, its refresh cookie and the key to sign in again. */
    record Admin(String email, String userId, String token, String refreshCookie, PasskeyTests.Holder key) {
    }

    /** A new account made admin in the database (as the command line does), signed in with its passkey. */
    static Admin admin() {
        PasskeyTests.Holder holder = PasskeyTests.registered(1);
        Database.update("update users set admin_since = now(), email_verified_at = coalesce(email_verified_at, now())"
                + " where id = ?::uuid", holder.userId());
        Api.Reply signedIn = PasskeyTests.signIn(holder, PasskeyTests.signInChallenge(), Api.BASE,
                PasskeyTests.RP_ID, holder.userHandle(), 1);
        assertEquals(200, signedIn.status(), signedIn.text());
        return new Admin(holder.email(), holder.userId(), signedIn.json().getString("token"),
                RefreshCookies.of(signedIn).value(), holder);
    }

    /** A user signed in with the password: its id, address, token and refresh cookie. */
    record Member(String email, String userId, String token, String refreshCookie) {
    }

    static Member member() {
        String email = Users.newEmail();
        String id = Users.register(email).getString("id");
        Api.Reply login = RefreshCookies.login(email);
        return new Member(email, id, login.json().getString("token"), RefreshCookies.of(login).value());
    }

    static Api.Reply act(Admin admin, String userId, String action, JsonObject body) {
        return Api.post(USERS + "/" + userId + "/" + action, admin.token(), Json.of(body));
    }

    static Api.Reply act(Admin admin, String userId, String action) {
        return act(admin, userId, action, jakarta.json.Json.createObjectBuilder().build());
    }

    static Api.Reply list(String token, String query) {
        return Api.get(USERS + (query.isEmpty() ? "" : "?" + query), token);
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static long events(String kind, String userId, String actorId) {
        return Database.count("select count(*) from audit_events where kind = ? and user_id = ?::uuid"
                + " and actor_id = ?::uuid", kind, userId, actorId);
    }

    /** A passkey's token, but the sign-in an hour old: destructive actions need a step-up. */
    static String aged(Admin admin) {
        Database.update("update sessions set auth_time = now() - interval '1 hour' where id = ?::uuid",
                Users.sid(admin.token()));
        Api.Reply refreshed = RefreshCookies.refresh(admin.refreshCookie());
        assertEquals(200, refreshed.status(), refreshed.text());
        return refreshed.json().getString("token");
    }

    /** The same admin signed in with the password alone: the group, but no second factor. */
    static String passwordOnly(Admin admin) {
        return Users.login(admin.email(), Users.PASSWORD).getString("token");
    }

    /** Small JSON helpers for bodies built from objects. */
    static final class Json {
        static jakarta.json.JsonObjectBuilder of(JsonObject object) {
            return jakarta.json.Json.createObjectBuilder(object);
        }
    }

    @Test
    void anAdminsTokenCarriesTheGroupAndAUsersDoesNot() throws Exception {
        Admin admin = admin();
        Member member = member();

        List<String> adminGroups = SecondFactorTests.claims(admin.token()).getStringListClaim("groups");
        List<String> memberGroups = SecondFactorTests.claims(member.token()).getStringListClaim("groups");

        assertTrue(adminGroups.contains("admin"), adminGroups.toString());
        assertFalse(memberGroups.contains("admin"), memberGroups.toString());
        assertEquals(List.of("user"), memberGroups, "a user's groups are as they always were");
    }

    @Test
    void everyAdminEndpointRefusesWhoeverIsNotAnAdminWithASecondFactor() {
        Admin admin = admin();
        Member member = member();
        Member target = member();
        String weak = passwordOnly(admin);
        List<String[]> reads = List.of(new String[]{"GET", USERS}, new String[]{"GET", USERS + "/" + target.userId()},
                new String[]{"GET", AUDIT});
        List<String> actions = List.of("disable", "enable", "logout", "resend-verification", "verify",
                "reset-password", "remove-mfa", "grant-admin", "revoke-admin");
        List<String[]> endpoints = new ArrayList<>(reads);
        actions.forEach(action -> endpoints.add(new String[]{"POST", USERS + "/" + target.userId() + "/" + action}));
        endpoints.add(new String[]{"DELETE", USERS + "/" + target.userId()});
        endpoints.add(new String[]{"POST", BULK});

        for (String[] endpoint : endpoints) {
            String what = endpoint[0] + " " + endpoint[1];
            Problems.assertProblem(call(endpoint, null), 401);
            Problems.assertProblem(call(endpoint, "not-a-token"), 401);
            JsonObject asUser = Problems.assertProblem(call(endpoint, member.token()), 403);
            assertNotNull(asUser.getString("detail"), what);
            JsonObject asWeakAdmin = Problems.assertProblem(call(endpoint, weak), 403);
            assertEquals("Administration needs a sign-in with a second factor or a passkey",
                    asWeakAdmin.getString("detail"), what);
        }
        assertEquals(0, Database.count("select count(*) from audit_events where actor_id = ?::uuid",
                admin.userId()), "no refused call did anything");
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and disabled_at is null"
                + " and admin_since is null", target.userId()));
    }

    private static Api.Reply call(String[] endpoint, String token) {
        HttpRequest.Builder request = Api.request(endpoint[1]).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String body = endpoint[1].equals(BULK) ? "{\"all\":true}" : "{}";
        return Api.send(switch (endpoint[0]) {
            case "GET" -> request.GET();
            case "DELETE" -> request.method("DELETE", HttpRequest.BodyPublishers.ofString(body));
            default -> request.POST(HttpRequest.BodyPublishers.ofString(body));
        });
    }

    @Test
    void destructiveActionsNeedARecentSignInOrACodeAndTheOthersDoNot() {
        Admin admin = admin();
        String aged = aged(admin);
        Member target = member();
        String path = USERS + "/" + target.userId();

        for (String action : List.of("disable", "remove-mfa", "grant-admin", "revoke-admin")) {
            JsonObject problem = Problems.assertProblem(Api.post(path + "/" + action, aged, json()), 401);
            assertEquals(STEP_UP, problem.getString("type"), action);
        }
        assertEquals(STEP_UP, Problems.assertProblem(Api.delete(path, aged), 401).getString("type"));
        assertEquals(STEP_UP, Problems.assertProblem(Api.post(BULK, aged, jakarta.json.Json.createObjectBuilder()
                .add("users", jakarta.json.Json.createArrayBuilder().add(target.userId()))), 401).getString("type"));
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and disabled_at is null",
                target.userId()), "nothing was disabled");
        assertEquals(200, Api.post(path + "/logout", aged, json()).status(), "not destructive: no step-up");
        assertEquals(200, Api.get(path, aged).status());
    }

    @Test
    void anAdminsAppCodeStepsUpInTheBodyOrInTheHeader() throws Exception {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        Database.update("update users set admin_since = now(), email_verified_at = now() where id = ?::uuid",
                enrolled.userId());
        Api.Reply signedIn = SecondFactorTests.secondStep(SecondFactorTests.passwordStep(enrolled.email()),
                enrolled.app().code(0));
        assertEquals(200, signedIn.status(), signedIn.text());
        String aged = SecondFactorTests.agedSignIn(RefreshCookies.of(signedIn).value(),
                signedIn.json().getString("token"));
        Member target = member();
        String path = USERS + "/" + target.userId();

        assertEquals(STEP_UP, Problems.assertProblem(Api.post(path + "/disable", aged,
                json("mfa_code", "000000")), 401).getString("type"));
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and disabled_at is null",
                target.userId()), "a wrong code changed nothing");

        Api.Reply disabled = Api.post(path + "/disable", aged, json("mfa_code", enrolled.app().code(1),
                "reason", "stepped up in the body"));
        assertEquals(200, disabled.status(), disabled.text());
        Api.Reply deleted = Api.send(Api.request(path).header("Authorization", "Bearer " + aged)
                .header("X-MFA-Code", enrolled.recoveryCodes().get(0)).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid", target.userId()));
        assertEquals(1, events("ADMIN_USER_DISABLED", target.userId(), enrolled.userId()));
        assertEquals(1, events("ADMIN_USER_DELETED", target.userId(), enrolled.userId()));
    }

    @Test
    void noAdminActsOnTheirOwnAccount() {
        Admin admin = admin();
        for (String action : List.of("disable", "logout", "remove-mfa", "revoke-admin", "reset-password")) {
            JsonObject problem = Problems.assertProblem(act(admin, admin.userId(), action), 403);
            assertTrue(problem.getString("detail").contains("own account"), problem.toString());
        }
        Problems.assertProblem(Api.delete(USERS + "/" + admin.userId(), admin.token()), 403);
        Problems.assertProblem(Api.post(BULK, admin.token(), jakarta.json.Json.createObjectBuilder()
                .add("users", jakarta.json.Json.createArrayBuilder().add(admin.userId()))), 403);
        Users.me(admin.token());   // still signed in
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and admin_since is not null"
                + " and disabled_at is null", admin.userId()));
    }

    @Test
    void aDisabledUserIsOutEverywhereAtOnceAndSignInAnswersAsAWrongPassword() throws Exception {
        Admin admin = admin();
        Member target = member();
        Api.Reply onSecond = Users.loginOn(SecondInstance.shared().base(), target.email());
        String secondToken = onSecond.json().getString("token");
        assertEquals(200, Api.get(SecondInstance.BASE + Paths.ME, secondToken).status());

        Api.Reply disabled = act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder()
                .add("reason", "Ticket 4711: phone stolen").add("until", "2099-01-01T00:00:00Z").build());

        assertEquals(200, disabled.status(), disabled.text());
        assertTrue(disabled.header("Cache-Control").contains("no-store"));
        JsonObject state = disabled.json().getJsonObject("user").getJsonObject("disabled");
        assertEquals("Ticket 4711: phone stolen", state.getString("reason"));
        assertEquals("2099-01-01T00:00:00Z", state.getString("until"));
        Problems.assertProblem(Api.get(Paths.ME, target.token()), 401);
        // The second instance kept the session it read: it hears of the ending by NOTIFY, milliseconds later.
        Revocations.secondsUntilRefused(SecondInstance.BASE + Paths.ME, secondToken, System.nanoTime());
        Problems.assertProblem(RefreshCookies.refresh(target.refreshCookie()), 401);
        Api.Reply rightPassword = Api.post(Paths.LOGIN, json("email", target.email(), "password", Users.PASSWORD));
        Api.Reply wrongPassword = Api.post(Paths.LOGIN, json("email", target.email(), "password", "wrong password!"));
        assertEquals(wrongPassword.status(), rightPassword.status());
        assertEquals(wrongPassword.json(), rightPassword.json());
        assertEquals(Api.headersButDate(wrongPassword).keySet(), Api.headersButDate(rightPassword).keySet());
        assertEquals(0, Database.count("select count(*) from sessions where user_id = ?::uuid and revoked_at is null",
                target.userId()), "every session ended");
        assertEquals("Ticket 4711: phone stolen", Database.value("select disabled_reason from users where id = ?::uuid",
                target.userId()).orElseThrow());
        assertEquals(1, events("ADMIN_USER_DISABLED", target.userId(), admin.userId()));
        assertEquals("Ticket 4711: phone stolen", Database.value("select reason from audit_events where kind ="
                + " 'ADMIN_USER_DISABLED' and user_id = ?::uuid", target.userId()).orElseThrow());
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'LOGIN_DISABLED'"
                + " and user_id = ?::uuid", target.userId()), "the operator sees why the sign-in failed");

        Api.Reply enabled = act(admin, target.userId(), "enable");

        assertEquals(200, enabled.status(), enabled.text());
        assertTrue(enabled.json().getJsonObject("user").isNull("disabled"));
        assertEquals(200, Api.post(Paths.LOGIN, json("email", target.email(), "password", Users.PASSWORD)).status());
        Problems.assertProblem(Api.get(Paths.ME, target.token()), 401);   // what ended stays ended
        assertEquals(1, events("ADMIN_USER_ENABLED", target.userId(), admin.userId()));
    }

    @Test
    void aDisabledAccountSignsInAsSlowlyAsAWrongPassword() {
        Admin admin = admin();
        Member target = member();
        assertEquals(200, act(admin, target.userId(), "disable").status());
        List<Long> disabled = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Api.actAs(Api.freshClientAddress());
            disabled.add(Timing.nanos(() -> Api.post(Paths.LOGIN, json("email", target.email(), "password",
                    Users.PASSWORD))));
            Api.actAs(Api.freshClientAddress());
            wrong.add(Timing.nanos(() -> Api.post(Paths.LOGIN, json("email", target.email(), "password",
                    "not the password"))));
        }
        double difference = Timing.comparePairs("Sign-in of a disabled account against a wrong password",
                "disabled", disabled, "wrong", wrong);
        assertTrue(difference < 0.25, "medians differ by " + difference);
    }

    @Test
    void disableWithoutAnEndAndBadBodiesAreRefusedWithoutAChange() {
        Admin admin = admin();
        Member target = member();

        Problems.assertInvalid(act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder()
                .add("until", "tomorrow").build()), "until");
        Problems.assertInvalid(act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder()
                .add("until", "2001-01-01T00:00:00Z").build()), "until");
        Problems.assertInvalid(act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder()
                .add("reason", "x".repeat(501)).build()), "reason");
        Problems.assertInvalid(act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder()
                .add("reason", "line\u0007bell").build()), "reason");
        Problems.assertProblem(act(admin, target.userId(), "no-such-action"), 404);
        Problems.assertProblem(act(admin, UUID.randomUUID().toString(), "disable"), 404);
        Problems.assertProblem(Api.get(USERS + "/not-an-id", admin.token()), 404);
        assertEquals(200, Api.get(Paths.ME, target.token()).status(), "nothing happened to the user");

        Api.Reply forever = act(admin, target.userId(), "disable");

        assertEquals(200, forever.status(), forever.text());
        assertTrue(forever.json().getJsonObject("user").getJsonObject("disabled").isNull("until"));
        assertTrue(forever.json().getJsonObject("user").getJsonObject("disabled").isNull("reason"));
        assertEquals(200, act(admin, target.userId(), "enable").status());
        Problems.assertProblem(act(admin, target.userId(), "enable"), 409);   // not disabled
    }

    @Test
    void logoutEndsEverySessionOfTheUserAndSaysHowMany() {
        Admin admin = admin();
        Member target = member();
        Users.login(target.email(), Users.PASSWORD);

        Api.Reply reply = act(admin, target.userId(), "logout", jakarta.json.Json.createObjectBuilder()
                .add("reason", "signed in on a shared computer").build());

        assertEquals(200, reply.status(), reply.text());
        assertEquals(2, reply.json().getInt("revoked"));
        Problems.assertProblem(Api.get(Paths.ME, target.token()), 401);
        Problems.assertProblem(RefreshCookies.refresh(target.refreshCookie()), 401);
        assertEquals(200, Api.post(Paths.LOGIN, json("email", target.email(), "password", Users.PASSWORD)).status(),
                "a logout is not a lock");
        assertEquals(1, events("ADMIN_SESSIONS_REVOKED", target.userId(), admin.userId()));
    }

    @Test
    void resendAndVerifyAndResetMailTheUserAndNeverShowTheAdminALink() {
        Admin admin = admin();
        Member target = member();
        Mailbox.await(target.email(), 1);   // the registration's verification mail

        Api.Reply resent = act(admin, target.userId(), "resend-verification");

        assertEquals(200, resent.status(), resent.text());
        Mailbox.await(target.email(), 2);
        assertFalse(resent.text().contains("lk"), "no link in the admin's answer: " + resent.text());
        String verifyToken = Mailbox.token(target.email(), 2, Paths.VERIFY_LINK);
        assertFalse(resent.text().contains(verifyToken));
        assertEquals(1, events("ADMIN_VERIFICATION_RESENT", target.userId(), admin.userId()));

        Api.Reply verified = act(admin, target.userId(), "verify");

        assertEquals(200, verified.status(), verified.text());
        assertFalse(verified.json().getJsonObject("user").isNull("email_verified_at"));
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and email_verified_at is not null",
                target.userId()));
        Problems.assertProblem(act(admin, target.userId(), "verify"), 409);
        Problems.assertProblem(act(admin, target.userId(), "resend-verification"), 409);
        assertEquals(1, events("ADMIN_EMAIL_VERIFIED", target.userId(), admin.userId()));

        Api.Reply reset = act(admin, target.userId(), "reset-password");

        assertEquals(200, reset.status(), reset.text());
        Mailbox.await(target.email(), 3);
        String resetToken = Mailbox.token(target.email(), 3, Paths.RESET_LINK);
        assertFalse(reset.text().contains(resetToken));
        Api.Reply used = Api.patch(Paths.UPDATE, json("token", resetToken, "password", Users.OTHER_PASSWORD,
                "confirm_password", Users.OTHER_PASSWORD));
        assertEquals(200, used.status(), used.text());
        assertEquals(1, events("ADMIN_PASSWORD_RESET_SENT", target.userId(), admin.userId()));
    }

    @Test
    void removeMfaTakesTheAppAndPasskeysAndTellsTheUser() {
        Admin admin = admin();
        SecondFactorTests.Enrolled target = SecondFactorTests.enrolled();

        Api.Reply removed = act(admin, target.userId(), "remove-mfa", jakarta.json.Json.createObjectBuilder()
                .add("reason", "lost their phone; identity checked by video call").build());

        assertEquals(200, removed.status(), removed.text());
        assertEquals(0, Database.count("select count(*) from totp_factors where user_id = ?::uuid", target.userId()));
        assertEquals(0, Database.count("select count(*) from recovery_codes where user_id = ?::uuid", target.userId()));
        Mailbox.nth(target.email(), "Two-step sign-in was turned off", 1);   // the owner is told
        Problems.assertProblem(Api.get(Paths.ME, target.accessToken()), 401);
        JsonObject login = Users.login(target.email(), Users.PASSWORD);
        assertTrue(login.containsKey("token"), "the password alone signs in again: " + login);
        Problems.assertProblem(act(admin, target.userId(), "remove-mfa"), 409);
        assertEquals(1, events("ADMIN_MFA_REMOVED", target.userId(), admin.userId()));
    }

    @Test
    void grantAndRevokeAdminTakeEffectAtOnce() throws Exception {
        Admin admin = admin();
        Member unverified = member();
        Problems.assertProblem(act(admin, unverified.userId(), "grant-admin"), 409);
        Admin other = admin();
        Database.update("update users set admin_since = null where id = ?::uuid", other.userId());
        Problems.assertProblem(Api.get(USERS, other.token()), 403);   // its token still says admin; the account not

        Api.Reply granted = act(admin, other.userId(), "grant-admin");

        assertEquals(200, granted.status(), granted.text());
        assertTrue(granted.json().getJsonObject("user").getBoolean("admin"));
        assertEquals(200, Api.get(USERS, other.token()).status());
        Problems.assertProblem(act(admin, other.userId(), "grant-admin"), 409);

        Api.Reply revoked = act(admin, other.userId(), "revoke-admin", jakarta.json.Json.createObjectBuilder()
                .add("reason", "left the operations team").build());

        assertEquals(200, revoked.status(), revoked.text());
        Problems.assertProblem(Api.get(USERS, other.token()), 403);
        Api.Reply refreshed = RefreshCookies.refresh(other.refreshCookie());
        assertFalse(SecondFactorTests.claims(refreshed.json().getString("token")).getStringListClaim("groups")
                .contains("admin"), "the next token has no admin group");
        assertEquals(1, events("ADMIN_GRANTED", other.userId(), admin.userId()));
        assertEquals(1, events("ADMIN_REVOKED", other.userId(), admin.userId()));
    }

    @Test
    void twoAdminsRevokingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        Admin first = admin();
        Admin second = admin();

        List<Integer> statuses = eachOnTheOtherAtOnce(first, second, "revoke-admin");

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 403 || s == 409), statuses.toString());
        assertEquals(1, Database.count("select count(*) from users where admin_since is not null"
                + " and id in (?::uuid, ?::uuid)", first.userId(), second.userId()));
        Admin left = Database.count("select count(*) from users where id = ?::uuid and admin_since is not null",
                first.userId()) == 1 ? first : second;
        Admin third = admin();
        Database.update("update users set admin_since = null where id = ?::uuid", third.userId());
        Problems.assertProblem(act(left, third.userId(), "revoke-admin"), 409);   // not an admin
        assertEquals(200, act(left, third.userId(), "grant-admin").status());
    }

    /**
     * The two admins, the only ones left (the suite's others lose the grant: tests run one by one), take the action on
     * each other ten times at the same moment: even calls the first on the second, odd ones the other way.
     */
    static List<Integer> eachOnTheOtherAtOnce(Admin first, Admin second, String action) throws Exception {
        onlyAdmins(first, second);
        return AtOnce.statuses(10, i -> i % 2 == 0 ? act(first, second.userId(), action).status()
                : act(second, first.userId(), action).status());
    }

    /** The calls of {@link #eachOnTheOtherAtOnce} that succeeded all went one way: one admin acted, the other not. */
    static void oneWayOnly(List<Integer> statuses) {
        long evenWins = java.util.stream.IntStream.range(0, statuses.size())
                .filter(i -> i % 2 == 0 && statuses.get(i) == 200).count();
        long oddWins = java.util.stream.IntStream.range(0, statuses.size())
                .filter(i -> i % 2 == 1 && statuses.get(i) == 200).count();
        assertTrue(evenWins + oddWins > 0 && (evenWins == 0 || oddWins == 0), statuses.toString());
    }

    static void onlyAdmins(Admin first, Admin second) {
        Database.update("update users set admin_since = null where admin_since is not null and id not in"
                + " (?::uuid, ?::uuid)", first.userId(), second.userId());
        Database.update("update users set email_verified_at = null where lower(email) = ?", CONFIGURED_ADMIN);
    }

    @Test
    void theLastAdminCannotBeDisabledOrRevoked() throws Exception {
        Admin first = admin();
        Admin second = admin();

        List<Integer> statuses = eachOnTheOtherAtOnce(first, second, "disable");

        oneWayOnly(statuses);   // disabling a disabled account again is allowed: it may change the reason
        assertEquals(1, Database.count("select count(*) from users where id in (?::uuid, ?::uuid)"
                + " and disabled_at is null", first.userId(), second.userId()), "one admin stays enabled");
    }

    @Test
    void twoAdminsDeletingEachOtherAtOnceLeaveOne() throws Exception {
        Admin first = admin();
        Admin second = admin();

        onlyAdmins(first, second);

        List<Integer> statuses = AtOnce.statuses(10, i -> Api.delete(USERS + "/"
                + (i % 2 == 0 ? second : first).userId(), (i % 2 == 0 ? first : second).token()).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, Database.count("select count(*) from users where id in (?::uuid, ?::uuid)",
                first.userId(), second.userId()), "one admin stays");
    }

    @Test
    void anAddressOfAdminEmailsIsAnAdminOnceVerifiedAndCannotBeRevokedHere() throws Exception {
        Admin admin = admin();
        Database.update("delete from users where lower(email) = ?", CONFIGURED_ADMIN);
        String id = Users.register(CONFIGURED_ADMIN).getString("id");
        String unverified = Users.login(CONFIGURED_ADMIN, Users.PASSWORD).getString("token");
        assertFalse(SecondFactorTests.claims(unverified).getStringListClaim("groups").contains("admin"),
                "an unverified address is no admin: whoever registered it need not own the mailbox");
        String link = Mailbox.token(CONFIGURED_ADMIN, 1, Paths.VERIFY_LINK);
        assertEquals(200, Api.patch(Paths.VERIFY, json("token", link)).status());

        String verified = Users.login(CONFIGURED_ADMIN, Users.PASSWORD).getString("token");

        assertTrue(SecondFactorTests.claims(verified).getStringListClaim("groups").contains("admin"));
        JsonObject detail = Api.get(USERS + "/" + id, admin.token()).json();
        assertTrue(detail.getBoolean("admin"));
        assertTrue(detail.getBoolean("admin_by_configuration"));
        JsonObject problem = Problems.assertProblem(act(admin, id, "revoke-admin"), 409);
        assertTrue(problem.getString("detail").contains("ADMIN_EMAILS"), problem.toString());
    }

    @Test
    void deleteRemovesTheAccountAsSelfDeletionDoesAndKeepsTheTrail() {
        Admin admin = admin();
        Member target = member();

        Api.Reply deleted = Api.delete(USERS + "/" + target.userId(), admin.token(),
                json("reason", "GDPR request #88"));

        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid", target.userId()));
        assertEquals(0, Database.count("select count(*) from sessions where user_id = ?::uuid", target.userId()));
        assertEquals(1, events("ADMIN_USER_DELETED", target.userId(), admin.userId()));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'ACCOUNT_DELETED'"
                + " and user_id = ?::uuid", target.userId()));
        Problems.assertProblem(Api.get(Paths.ME, target.token()), 401);
        Problems.assertProblem(Api.get(USERS + "/" + target.userId(), admin.token()), 404);
        Problems.assertProblem(Api.delete(USERS + "/" + target.userId(), admin.token()), 404);
    }

    @Test
    void bulkRevocationEndsTheSessionsOfTheUsersNamedOrOfEveryone() {
        Admin admin = admin();
        Member one = member();
        Member two = member();
        Member bystander = member();

        Api.Reply some = Api.post(BULK, admin.token(), jakarta.json.Json.createObjectBuilder()
                .add("users", jakarta.json.Json.createArrayBuilder().add(one.userId()).add(two.userId()))
                .add("reason", "accounts in the phishing report"));

        assertEquals(200, some.status(), some.text());
        assertEquals(2, some.json().getInt("revoked"));
        Problems.assertProblem(Api.get(Paths.ME, one.token()), 401);
        Problems.assertProblem(Api.get(Paths.ME, two.token()), 401);
        assertEquals(200, Api.get(Paths.ME, bystander.token()).status());
        Problems.assertInvalid(Api.post(BULK, admin.token(), json("users", "not-a-list")), "users");
        Problems.assertInvalid(Api.post(BULK, admin.token(), jakarta.json.Json.createObjectBuilder()
                .add("users", jakarta.json.Json.createArrayBuilder().add("x"))), "users");
        Problems.assertInvalid(Api.post(BULK, admin.token(), jakarta.json.Json.createObjectBuilder()
                .add("users", jakarta.json.Json.createArrayBuilder().add(one.userId())).add("all", true)), "users");
        Problems.assertInvalid(Api.post(BULK, admin.token(), json()), "users");

        // The second instance keeps a session it read: ending everyone tells it once ('*'), not once per user.
        String keptOnSecond = Revocations.keptBy(SecondInstance.shared().base(),
                Users.loginOn(SecondInstance.BASE, bystander.email()).json().getString("token"));

        Api.Reply everyone = Api.post(BULK, admin.token(), jakarta.json.Json.createObjectBuilder().add("all", true)
                .add("reason", "signing key leaked"));

        assertEquals(200, everyone.status(), everyone.text());
        assertTrue(everyone.json().getInt("revoked") >= 2, everyone.text());
        Problems.assertProblem(Api.get(Paths.ME, bystander.token()), 401);
        Problems.assertProblem(Api.get(Paths.ME, admin.token()), 401);
        Revocations.secondsUntilRefused(SecondInstance.BASE + Paths.ME, keptOnSecond, System.nanoTime());
        assertEquals(0, Database.count("select count(*) from sessions where revoked_at is null"
                + " and expires_at > now()"));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'ADMIN_SESSIONS_REVOKED'"
                + " and user_id is null and actor_id = ?::uuid", admin.userId()));
    }

    @Test
    void searchFindsByAddressPrefixInAnyCaseOrByNameWordsAndFiltersNarrow() {
        Admin admin = admin();
        String tag = "q" + UUID.randomUUID().toString().substring(0, 8);
        String ada = "ada." + tag + "@Search.example.test";
        Api.Reply registered = Users.registration("Ada Lovelace " + tag, ada, Users.PASSWORD);
        assertEquals(201, registered.status(), registered.text());
        String adaId = registered.json().getJsonObject("user").getString("id");
        String grace = "grace." + tag + "@search.example.test";
        String graceId = Users.registration("Grace Hopper " + tag, grace, Users.PASSWORD).json()
                .getJsonObject("user").getString("id");
        Database.update("update users set email_verified_at = now() where id = ?::uuid", graceId);
        Users.login(grace, Users.PASSWORD);

        assertEquals(List.of(adaId), ids(list(admin.token(), "q=" + q("ADA." + tag.toUpperCase())).json()));
        assertEquals(List.of(graceId, adaId), ids(list(admin.token(), "q=" + q(tag)).json()));
        assertEquals(List.of(adaId), ids(list(admin.token(), "q=" + q("lovel " + tag)).json()));
        assertEquals(List.of(graceId), ids(list(admin.token(), "q=" + q(tag) + "&verified=true").json()));
        assertEquals(List.of(adaId), ids(list(admin.token(), "q=" + q(tag) + "&verified=false").json()));
        assertEquals(List.of(), ids(list(admin.token(), "q=" + q(tag) + "&disabled=true").json()));
        assertEquals(List.of(graceId, adaId), ids(list(admin.token(), "q=" + q(tag) + "&mfa=false").json()));
        assertEquals(List.of(), ids(list(admin.token(), "q=" + q(tag) + "&mfa=true").json()));
        assertEquals(List.of(), ids(list(admin.token(), "q=" + q(tag) + "&created_before=2020-01-01").json()));
        assertEquals(List.of(graceId, adaId), ids(list(admin.token(), "q=" + q(tag)
                + "&created_after=2020-01-01T00:00:00Z").json()));
        assertEquals(List.of(adaId), ids(list(admin.token(), "q=" + q(tag) + "&last_sign_in_before="
                + q(java.time.Instant.now().minusSeconds(60).toString())).json()), "never signed in counts as before");
        assertEquals(List.of(graceId, adaId), ids(list(admin.token(), "q=" + q(tag) + "&sort=last_sign_in").json()));
        assertEquals(200, act(admin, adaId, "disable").status());
        assertEquals(List.of(adaId), ids(list(admin.token(), "q=" + q(tag) + "&disabled=true").json()));
        assertEquals(List.of(graceId), ids(list(admin.token(), "q=" + q(tag) + "&disabled=false").json()));
        JsonObject first = list(admin.token(), "q=" + q(tag)).json().getJsonArray("users").getJsonObject(0);
        assertEquals(Set.of("id", "name", "email", "email_verified_at", "created_at", "last_sign_in_at", "disabled",
                "mfa", "admin"), first.keySet());
    }

    static List<String> ids(JsonObject page) {
        return page.getJsonArray("users").getValuesAs(JsonObject.class).stream().map(u -> u.getString("id")).toList();
    }

    @Test
    void badQueriesAreA422NamingTheParameter() {
        Admin admin = admin();
        for (String[] bad : List.of(new String[]{"verified=yes", "verified"}, new String[]{"limit=0", "limit"},
                new String[]{"limit=201", "limit"}, new String[]{"limit=ten", "limit"},
                new String[]{"sort=name", "sort"}, new String[]{"created_after=yesterday", "created_after"},
                new String[]{"cursor=bm9wZQ", "cursor"}, new String[]{"verifed=true", "verifed"},
                new String[]{"q=a&q=b", "q"}, new String[]{"q=" + "a".repeat(255), "q"})) {
            Api.Reply reply = list(admin.token(), bad[0]);
            JsonObject problem = Problems.assertProblem(reply, 422);
            JsonObject error = problem.getJsonObject("data").getJsonArray("errors").getJsonObject(0);
            assertEquals(bad[1], error.getString("param"), bad[0]);
            assertEquals("query", error.getString("location"), bad[0]);
        }
        String cursorOfCreated = list(admin.token(), "limit=1").json().getString("next_cursor");
        Problems.assertProblem(list(admin.token(), "sort=last_sign_in&cursor=" + cursorOfCreated), 422);
        for (String bad : List.of("kind=NOT_A_KIND", "user=nobody", "after=soon", "cursor=-1x", "limit=500")) {
            Problems.assertProblem(Api.get(AUDIT + "?" + bad, admin.token()), 422);
        }
    }

    @Test
    void pagingReturnsEveryUserExactlyOnceWhileUsersComeAndGo() throws Exception {
        Admin admin = admin();
        String tag = "p" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> stayed = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Api.actAs(Api.freshClientAddress());   // past the registrations' limit per address
            stayed.add(Users.registration("Pager " + tag, "stay" + i + "." + tag + "@paging.example.test",
                    Users.PASSWORD).json().getJsonObject("user").getString("id"));
        }
        List<String> churn = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api.actAs(Api.freshClientAddress());
            churn.add(Users.registration("Pager " + tag, "churn" + i + "." + tag + "@paging.example.test",
                    Users.PASSWORD).json().getJsonObject("user").getString("id"));
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Integer> comings = background.submit(() -> {
            int n = 0;
            while (paging.get()) {
                Api.actAs(Api.freshClientAddress());
                Users.registration("Pager " + tag, "new" + n + "." + tag + "@paging.example.test", Users.PASSWORD);
                if (n < churn.size()) {
                    Database.update("delete from users where id = ?::uuid", churn.get(n));
                }
                n++;
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        try {
            String cursor = null;
            do {
                Api.Reply page = list(admin.token(), "q=" + tag + "&limit=3" + (cursor == null ? "" : "&cursor="
                        + cursor));
                assertEquals(200, page.status(), page.text());
                seen.addAll(ids(page.json()));
                cursor = page.json().isNull("next_cursor") ? null : page.json().getString("next_cursor");
                Thread.sleep(20);
            } while (cursor != null);
        } finally {
            paging.set(false);
        }
        assertTrue(comings.get() > 3, "users came and went while the list was read");
        background.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no user twice: " + seen);
        assertTrue(seen.containsAll(stayed), "every user that stayed was listed");
    }

    @Test
    void aUsersPageShowsWhatHelpsAndNoAnswerHoldsASecret() {
        Admin admin = admin();
        SecondFactorTests.Enrolled target = SecondFactorTests.enrolled();
        Users.login(target.email(), Users.PASSWORD);   // the mfa token of a second sign-in lives in the database
        act(admin, target.userId(), "reset-password");
        act(admin, target.userId(), "logout", jakarta.json.Json.createObjectBuilder().add("reason", "check").build());

        Api.Reply detail = Api.get(USERS + "/" + target.userId(), admin.token());

        assertEquals(200, detail.status(), detail.text());
        JsonObject user = detail.json();
        assertEquals(target.email(), user.getString("email"));
        assertTrue(user.getJsonObject("second_factor").getBoolean("enabled"));
        assertEquals(10, user.getJsonObject("second_factor").getInt("recovery_codes_left"));
        assertTrue(user.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("kind").equals("ADMIN_SESSIONS_REVOKED")
                        && e.getString("actor").equals(admin.userId()) && e.getString("reason").equals("check")));
        List<String> answers = new ArrayList<>(List.of(detail.text(),
                list(admin.token(), "q=" + q(target.email())).text(), Api.get(AUDIT, admin.token()).text(),
                Api.get(AUDIT + "?user=" + target.userId(), admin.token()).text()));
        List<String> secrets = new ArrayList<>(Database.values("select token_hash from action_tokens"
                + " where user_id = ?::uuid", target.userId()));
        secrets.addAll(target.recoveryCodes());
        secrets.add(target.app().code());
        secrets.add(target.refreshCookie());
        secrets.add(target.accessToken());
        Database.value("select password_hash from users where id = ?::uuid", target.userId()).ifPresent(secrets::add);
        Database.value("select sealed_secret from totp_factors where user_id = ?::uuid", target.userId())
                .ifPresent(secrets::add);
        Pattern shapes = Pattern.compile("\\$argon2|\\$2[aby]\\$|eyJ[A-Za-z0-9_-]{10,}|lk[a-z]_|\"(password|secret|"
                + "token|code|hash)[a-z_]*\"\\s*:");
        for (String answer : answers) {
            for (String secret : secrets) {
                assertFalse(answer.contains(secret), "an admin answer holds a secret: " + answer);
            }
            assertFalse(shapes.matcher(answer).find(), "an admin answer has a secret's shape: " + answer);
        }
    }

    @Test
    void theAuditTrailFiltersByUserActorKindAndTimeAndPagesByCursor() {
        Admin admin = admin();
        Member target = member();
        act(admin, target.userId(), "logout");
        act(admin, target.userId(), "disable", jakarta.json.Json.createObjectBuilder().add("reason", "r1").build());
        act(admin, target.userId(), "enable", jakarta.json.Json.createObjectBuilder().add("reason", "r2").build());

        JsonObject byActor = Api.get(AUDIT + "?actor=" + admin.userId() + "&limit=2", admin.token()).json();

        List<JsonObject> events = byActor.getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("ADMIN_USER_ENABLED", "ADMIN_USER_DISABLED"), events.stream()
                .map(e -> e.getString("kind")).toList());
        assertEquals("r2", events.get(0).getString("reason"));
        assertEquals(target.userId(), events.get(0).getString("user"));
        JsonObject next = Api.get(AUDIT + "?actor=" + admin.userId() + "&limit=2&cursor="
                + byActor.getString("next_cursor"), admin.token()).json();
        assertEquals(List.of("ADMIN_SESSIONS_REVOKED"), next.getJsonArray("events").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getString("kind")).toList());
        assertTrue(next.isNull("next_cursor"));
        JsonObject ofKind = Api.get(AUDIT + "?user=" + target.userId() + "&kind=ADMIN_USER_DISABLED", admin.token())
                .json();
        assertEquals(1, ofKind.getJsonArray("events").size());
        assertEquals(0, Api.get(AUDIT + "?user=" + target.userId() + "&before=2020-01-01", admin.token()).json()
                .getJsonArray("events").size());
        assertTrue(Api.get(AUDIT + "?user=" + target.userId() + "&after=2020-01-01", admin.token()).json()
                .getJsonArray("events").size() >= 3);
        assertEquals(405, Api.send(Api.request(AUDIT).header("Authorization", "Bearer " + admin.token())
                .method("DELETE", HttpRequest.BodyPublishers.noBody())).status(), "no one deletes the trail here");
    }

    @Test
    void theCommandLineGrantsAVerifiedAddressAndEnablesItAndSaysWhyNot() {
        PasskeyTests.Holder holder = PasskeyTests.registered(1);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);

        assertEquals(io.latchkey.dev.GrantAdmin.UNVERIFIED, io.latchkey.dev.GrantAdmin.grant(Database.URL,
                "postgres", "postgres", holder.email().toUpperCase(), out));
        assertEquals(io.latchkey.dev.GrantAdmin.NO_ACCOUNT, io.latchkey.dev.GrantAdmin.grant(Database.URL,
                "postgres", "postgres", Users.newEmail(), out));
        assertEquals(io.latchkey.dev.GrantAdmin.FAILED, io.latchkey.dev.GrantAdmin.grant(Database.URL,
                "postgres", "postgres", "not an address", out));
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid and admin_since is not null",
                holder.userId()));
        Database.update("update users set email_verified_at = now(), disabled_at = now() where id = ?::uuid",
                holder.userId());

        int status = io.latchkey.dev.GrantAdmin.grant(Database.URL, "postgres", "postgres", holder.email(), out);

        assertEquals(io.latchkey.dev.GrantAdmin.GRANTED, status, printed.toString(StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains(holder.email() + " is an admin, enabled again"));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'ADMIN_GRANTED'"
                + " and user_id = ?::uuid and actor_id is null and reason = 'command line'", holder.userId()));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'ADMIN_USER_ENABLED'"
                + " and user_id = ?::uuid", holder.userId()));
        Api.Reply signedIn = PasskeyTests.signIn(holder, PasskeyTests.signInChallenge(), Api.BASE,
                PasskeyTests.RP_ID, holder.userHandle(), 1);
        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(200, Api.get(USERS, signedIn.json().getString("token")).status());
        assertEquals(io.latchkey.dev.GrantAdmin.FAILED, io.latchkey.dev.GrantAdmin.grant(
                "jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "postgres", holder.email(), out));
    }

    @Test
    void theOpenApiSchemasNameExactlyTheFieldsServed() {
        Admin admin = admin();
        Member target = member();
        JsonObject schemas = Api.send(Api.request("/openapi").header("Accept", "application/json").GET()).json()
                .getJsonObject("components").getJsonObject("schemas");
        JsonObject page = list(admin.token(), "limit=1").json();
        JsonObject detail = Api.get(USERS + "/" + target.userId(), admin.token()).json();
        JsonObject done = act(admin, target.userId(), "disable").json();
        JsonObject events = Api.get(AUDIT + "?limit=1", admin.token()).json();

        assertEquals(required(schemas, "AdminUserPage"), page.keySet());
        assertEquals(required(schemas, "AdminUserSummary"), page.getJsonArray("users").getJsonObject(0).keySet());
        assertEquals(required(schemas, "AdminUser"), detail.keySet());
        assertEquals(required(schemas, "AdminActionDone"), done.keySet());
        assertEquals(required(schemas, "AdminDisabled"), done.getJsonObject("user").getJsonObject("disabled").keySet());
        assertEquals(required(schemas, "AdminEventPage"), events.keySet());
        assertEquals(required(schemas, "AdminEvent"), events.getJsonArray("events").getJsonObject(0).keySet());
    }

    private static Set<String> required(JsonObject schemas, String name) {
        return Set.copyOf(strings(schemas.getJsonObject(name), "required"));
    }

    static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
