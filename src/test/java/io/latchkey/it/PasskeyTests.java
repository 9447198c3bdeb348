package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Passkeys over HTTP with a software authenticator ({@link SoftwareAuthenticator}): registration, sign-in without a
 * password, and every refusal of the WebAuthn checks. The suite's service is at 127.0.0.1, so that is its RP ID and
 * its own origin is {@link Api#BASE}.
 */
abstract class PasskeyTests {

    static final String OPTIONS = "/api/v1/auth/passkeys/register/options";
    static final String REGISTER = "/api/v1/auth/passkeys/register";
    static final String SIGN_IN_OPTIONS = "/api/v1/auth/passkeys/login/options";
    static final String SIGN_IN = "/api/v1/auth/passkeys/login";
    static final String PASSKEYS = "/api/v1/auth/passkeys";
    static final String RP_ID = "127.0.0.1";
    static final byte UP_UV = (byte) (SoftwareAuthenticator.UP | SoftwareAuthenticator.UV);

    /** A user with a registered passkey. */
    record Holder(String email, String userId, String accessToken, String userHandle, SoftwareAuthenticator key) {
    }

    static Holder registered(long countStep) {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        JsonObject options = Api.post(OPTIONS, token, json()).json();
        SoftwareAuthenticator key = new SoftwareAuthenticator(countStep);
        Api.Reply registered = postJson(REGISTER, token, key.register(options, Api.BASE, RP_ID));
        assertEquals(201, registered.status(), registered.text());
        return new Holder(email, userId, token, options.getJsonObject("user").getString("id"), key);
    }

    /** An account with an authenticator app and a passkey: a passkey can complete its second step. */
    record TwoStep(SecondFactorTests.Enrolled account, String userHandle, SoftwareAuthenticator key) {
    }

    static TwoStep twoStepWithPasskey() {
        SecondFactorTests.Enrolled account = SecondFactorTests.enrolled();
        JsonObject options = Api.post(OPTIONS, account.accessToken(), json()).json();
        SoftwareAuthenticator key = new SoftwareAuthenticator(1);
        Api.Reply registered = postJson(REGISTER, account.accessToken(), key.register(options, Api.BASE, RP_ID));
        assertEquals(201, registered.status(), registered.text());
        return new TwoStep(account, options.getJsonObject("user").getString("id"), key);
    }

    /** The options of a passkey as the second step, for the token of a password step. */
    static Api.Reply secondStepOptions(String mfaToken) {
        return Api.post(SIGN_IN_OPTIONS, json("mfa_token", mfaToken));
    }

    static Api.Reply secondStepWithPasskey(String mfaToken, String assertion) {
        return postJson(Paths.LOGIN_MFA, null, "{\"mfa_token\":\"" + mfaToken + "\",\"credential\":" + assertion + "}");
    }

    static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    static Api.Reply postJson(String path, String bearer, String body) {
        HttpRequest.Builder request = Api.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Api.send(request);
    }

    static String signInChallenge() {
        Api.Reply options = Api.post(SIGN_IN_OPTIONS, json());
        assertEquals(200, options.status(), options.text());
        return options.json().getString("challenge");
    }

    static Api.Reply signIn(Holder holder, String challenge, String origin, String rpId, String handle, long count) {
        return postJson(SIGN_IN, null, holder.key().assertion(challenge, origin, rpId, handle,
                (byte) (SoftwareAuthenticator.UP | SoftwareAuthenticator.UV), count));
    }

    @Test
    void registerAPasskeyThenSignInWithItAlone() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply optionsReply = Api.post(OPTIONS, token, json());

        assertEquals(200, optionsReply.status(), optionsReply.text());
        assertTrue(optionsReply.header("Cache-Control").contains("no-store"));
        JsonObject options = optionsReply.json();
        assertEquals(RP_ID, options.getJsonObject("rp").getString("id"));
        assertEquals(email, options.getJsonObject("user").getString("name"));
        assertEquals("none", options.getString("attestation"));
        assertEquals("preferred", options.getJsonObject("authenticatorSelection").getString("residentKey"));
        assertEquals("preferred", options.getJsonObject("authenticatorSelection").getString("userVerification"));
        assertEquals(0, options.getJsonArray("excludeCredentials").size());
        assertEquals(-7, options.getJsonArray("pubKeyCredParams").getJsonObject(0).getInt("alg"));
        SoftwareAuthenticator key = new SoftwareAuthenticator(1);

        Api.Reply registered = postJson(REGISTER, token, key.register(options, Api.BASE, RP_ID));

        assertEquals(201, registered.status(), registered.text());
        assertEquals("Passkey 1", registered.json().getString("name"));
        assertEquals(1, Database.count("select count(*) from passkeys where user_id = ?::uuid and credential_id = ?",
                userId, key.id()));
        assertEquals(1, Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = 'PASSKEY_ADDED'", userId));
        JsonObject again = Api.post(OPTIONS, token, json()).json();
        assertEquals(key.id(), again.getJsonArray("excludeCredentials").getJsonObject(0).getString("id"),
                "the user's passkeys are excluded from the next registration");

        JsonObject signInOptions = Api.post(SIGN_IN_OPTIONS, json()).json();
        assertEquals(RP_ID, signInOptions.getString("rpId"));
        assertEquals(0, signInOptions.getJsonArray("allowCredentials").size(), "discoverable: no user named");
        Api.Reply signedIn = postJson(SIGN_IN, null, key.nextAssertion(signInOptions, Api.BASE, RP_ID,
                options.getJsonObject("user").getString("id"), (byte) (SoftwareAuthenticator.UP | SoftwareAuthenticator.UV)));

        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(userId, signedIn.json().getJsonObject("user").getString("id"));
        assertEquals(List.of("hwk", "user"),
                SignedJWT.parse(signedIn.json().getString("token")).getJWTClaimsSet().getStringListClaim("amr"));
        assertTrue(RefreshCookies.of(signedIn).value().startsWith("lkrt_"));
        assertEquals("1", Database.value("select sign_count from passkeys where credential_id = ?", key.id()).orElseThrow());
    }

    @Test
    void withoutUserVerificationThePasskeyAloneIsNamed() throws Exception {
        Holder holder = registered(1);
        Api.Reply signedIn = postJson(SIGN_IN, null, holder.key().nextAssertion(Api.post(SIGN_IN_OPTIONS, json()).json(),
                Api.BASE, RP_ID, holder.userHandle(), SoftwareAuthenticator.UP));
        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(List.of("hwk"),
                SignedJWT.parse(signedIn.json().getString("token")).getJWTClaimsSet().getStringListClaim("amr"));
    }

    @Test
    void aChallengeAnswersOnceAndOnlyItsOwnCeremony() {
        Holder holder = registered(1);
        String challenge = signInChallenge();
        String assertion = holder.key().assertion(challenge, Api.BASE, RP_ID, holder.userHandle(),
                (byte) (SoftwareAuthenticator.UP | SoftwareAuthenticator.UV), 5);
        assertEquals(200, postJson(SIGN_IN, null, assertion).status());
        assertProblem(postJson(SIGN_IN, null, assertion), 401);

        JsonObject registration = Api.post(OPTIONS, holder.accessToken(), json()).json();
        assertProblem(signIn(holder, registration.getString("challenge"), Api.BASE, RP_ID, holder.userHandle(), 6), 401);
        SoftwareAuthenticator second = new SoftwareAuthenticator(1);
        String answer = second.register(registration, Api.BASE, RP_ID);
        assertEquals(201, postJson(REGISTER, holder.accessToken(), answer).status());
        assertProblem(postJson(REGISTER, holder.accessToken(), answer), 400);

        String late = signInChallenge();
        Database.update("update passkey_challenges set expires_at = now() - interval '1 second' where used_at is null"
                + " and purpose = 'SIGN_IN' and created_at > now() - interval '1 minute'");
        assertProblem(signIn(holder, late, Api.BASE, RP_ID, holder.userHandle(), 7), 401);
    }

    @Test
    void oneAssertionOrOneRegistrationFiredTenTimesAtOnceWinsOnce() throws Exception {
        Holder holder = registered(1);
        String assertion = holder.key().assertion(signInChallenge(), Api.BASE, RP_ID, holder.userHandle(),
                SoftwareAuthenticator.UP, 1);
        List<Integer> signIns = AtOnce.statuses(10, i -> postJson(SIGN_IN, null, assertion).status());
        assertEquals(1, java.util.Collections.frequency(signIns, 200), signIns.toString());
        assertEquals(9, java.util.Collections.frequency(signIns, 401), signIns.toString());

        String answer = new SoftwareAuthenticator(1).register(Api.post(OPTIONS, holder.accessToken(), json()).json(),
                Api.BASE, RP_ID);
        List<Integer> registrations = AtOnce.statuses(10, i -> postJson(REGISTER, holder.accessToken(), answer).status());
        assertEquals(1, java.util.Collections.frequency(registrations, 201), registrations.toString());
        assertEquals(9, java.util.Collections.frequency(registrations, 400), registrations.toString());
        assertEquals(2, Database.count("select count(*) from passkeys where user_id = ?::uuid", holder.userId()));
    }

    @Test
    void aCredentialIsRegisteredOnce() {
        Holder holder = registered(1);
        String again = holder.key().register(Api.post(OPTIONS, holder.accessToken(), json()).json(), Api.BASE, RP_ID);
        assertProblem(postJson(REGISTER, holder.accessToken(), again), 409);
        Holder other = registered(1);
        String stolen = holder.key().register(Api.post(OPTIONS, other.accessToken(), json()).json(), Api.BASE, RP_ID);
        assertProblem(postJson(REGISTER, other.accessToken(), stolen), 409);
        assertEquals(1, Database.count("select count(*) from passkeys where credential_id = ?", holder.key().id()));
    }

    @Test
    void theOriginTheRpIdTheOwnerAndTheKeyMustBeRight() {
        Holder holder = registered(1);
        Holder other = registered(1);

        assertProblem(signIn(holder, signInChallenge(), "https://evil.example", RP_ID, holder.userHandle(), 1), 401);
        assertProblem(signIn(holder, signInChallenge(), Api.BASE, "evil.example", holder.userHandle(), 1), 401);
        assertProblem(signIn(holder, signInChallenge(), Api.BASE, RP_ID, other.userHandle(), 1), 401);
        SoftwareAuthenticator stranger = new SoftwareAuthenticator(1);
        assertProblem(postJson(SIGN_IN, null, stranger.assertion(signInChallenge(), Api.BASE, RP_ID, holder.userHandle(),
                SoftwareAuthenticator.UP, 1)), 401);
        String forged = holder.key().assertion(signInChallenge(), Api.BASE, RP_ID, holder.userHandle(),
                SoftwareAuthenticator.UP, 1).replaceFirst("\"signature\":\"[^\"]+\"", "\"signature\":\"MEUCIQ\"");
        assertProblem(postJson(SIGN_IN, null, forged), 401);

        assertEquals(200, signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 1).status(),
                "and with all of them right it signs in");
    }

    @Test
    void aRegistrationFromAForeignOriginOrForAnotherRpIdOrUserStoresNothing() {
        Holder holder = registered(1);
        Holder other = registered(1);
        SoftwareAuthenticator key = new SoftwareAuthenticator(1);
        assertProblem(postJson(REGISTER, holder.accessToken(), key.register(Api.post(OPTIONS, holder.accessToken(),
                json()).json(), "https://evil.example", RP_ID)), 400);
        assertProblem(postJson(REGISTER, holder.accessToken(), key.register(Api.post(OPTIONS, holder.accessToken(),
                json()).json(), Api.BASE, "evil.example")), 400);
        assertProblem(postJson(REGISTER, holder.accessToken(), key.register(Api.post(OPTIONS, other.accessToken(),
                json()).json(), Api.BASE, RP_ID)), 400);
        assertEquals(0, Database.count("select count(*) from passkeys where credential_id = ?", key.id()));
        assertEquals(1, Database.count("select count(*) from audit_events where user_id = ?::uuid"
                + " and kind = 'PASSKEY_ADDED'", holder.userId()));
    }

    @Test
    void aSignCountThatGoesBackIsAClonedKey() {
        Holder holder = registered(1);
        assertEquals(200, signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 10).status());

        assertProblem(signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 9), 401);
        assertProblem(signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 10), 401);

        assertEquals(2, Database.count("select count(*) from audit_events where user_id = ?::uuid"
                + " and kind = 'PASSKEY_CLONE_SUSPECTED'", holder.userId()));
        assertEquals(200, signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 11).status());
    }

    @Test
    void anAuthenticatorThatDoesNotCountSignsInEveryTime() {
        Holder holder = registered(0);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, signIn(holder, signInChallenge(), Api.BASE, RP_ID, holder.userHandle(), 0).status());
        }
    }

    @Test
    void badRequestsAreProblemsNeverErrors() {
        String token = Users.accessToken();
        assertProblem(postJson(SIGN_IN, null, "{}"), 400);
        assertProblem(postJson(SIGN_IN, null, "{\"id\":\"x\",\"type\":\"public-key\",\"response\":{}}"), 400);
        assertProblem(postJson(SIGN_IN, null, "not json"), 400);
        assertProblem(Api.post(SIGN_IN, "text/plain", "{}".getBytes()), 415);
        assertProblem(postJson(REGISTER, token, "{\"id\":\"x\",\"response\":{\"clientDataJSON\":\"!!\"}}"), 400);
        assertProblem(postJson(REGISTER, null, "{}"), 401);
        assertProblem(Api.post(OPTIONS, json()), 401);
    }

    @Test
    void aPasskeyCompletesTheSecondStepAfterAPassword() throws Exception {
        TwoStep holder = twoStepWithPasskey();
        String email = holder.account().email();
        Api.Reply password = Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD));
        assertEquals(List.of("webauthn", "totp", "recovery_code"), strings(password.json(), "methods"));
        String mfaToken = password.json().getString("mfa_token");

        Api.Reply options = secondStepOptions(mfaToken);

        assertEquals(200, options.status(), options.text());
        assertTrue(options.header("Cache-Control").contains("no-store"));
        assertEquals(RP_ID, options.json().getString("rpId"));
        assertEquals(List.of(holder.key().id()), options.json().getJsonArray("allowCredentials")
                .getValuesAs(JsonObject.class).stream().map(c -> c.getString("id")).toList(), "this account's passkeys");
        String assertion = holder.key().nextAssertion(options.json(), Api.BASE, RP_ID, holder.userHandle(), UP_UV);

        Api.Reply signedIn = secondStepWithPasskey(mfaToken, assertion);

        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(holder.account().userId(), signedIn.json().getJsonObject("user").getString("id"));
        assertEquals(List.of("pwd", "hwk", "user"),
                SignedJWT.parse(signedIn.json().getString("token")).getJWTClaimsSet().getStringListClaim("amr"));
        assertTrue(RefreshCookies.of(signedIn).value().startsWith("lkrt_"));
        assertProblem(secondStepWithPasskey(mfaToken, assertion), 401);
        assertProblem(secondStepOptions(mfaToken), 401);
        String next = SecondFactorTests.passwordStep(email);
        assertProblem(secondStepWithPasskey(next, assertion), 401);
        assertEquals(2, Database.count("select count(*) from sessions where user_id = ?::uuid", holder.account().userId()),
                "the enrolment's session and this one");
    }

    @Test
    void theSecondStepTakesOnlyThisAccountsPasskeyAnsweringItsOwnChallenge() {
        TwoStep holder = twoStepWithPasskey();
        Holder other = registered(1);
        String email = holder.account().email();
        String mfaToken = SecondFactorTests.passwordStep(email);

        String challenge = secondStepOptions(mfaToken).json().getString("challenge");
        assertProblem(secondStepWithPasskey(mfaToken, other.key().assertion(challenge, Api.BASE, RP_ID,
                other.userHandle(), UP_UV, 1)), 401);
        assertProblem(secondStepWithPasskey(mfaToken, holder.key().assertion(challenge, Api.BASE, RP_ID,
                holder.userHandle(), UP_UV, 1)), 401); // the refusal before used the challenge up
        assertProblem(secondStepWithPasskey(mfaToken, holder.key().assertion(signInChallenge(), Api.BASE, RP_ID,
                holder.userHandle(), UP_UV, 2)), 401);
        String secondStep = secondStepOptions(mfaToken).json().getString("challenge");
        assertProblem(postJson(SIGN_IN, null, holder.key().assertion(secondStep, Api.BASE, RP_ID, holder.userHandle(),
                UP_UV, 3)), 401);
        assertProblem(secondStepWithPasskey(mfaToken, holder.key().assertion(secondStepOptions(mfaToken).json()
                .getString("challenge"), "https://evil.example", RP_ID, holder.userHandle(), UP_UV, 4)), 401);

        assertProblem(secondStepOptions("lkm_unknown"), 401);
        assertProblem(secondStepOptions(other.accessToken()), 401);
        String valid = holder.key().assertion(secondStepOptions(mfaToken).json().getString("challenge"), Api.BASE,
                RP_ID, holder.userHandle(), UP_UV, 5);
        assertInvalid(postJson(Paths.LOGIN_MFA, null, "{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"123456\","
                + "\"credential\":" + valid + "}"), "code");
        assertInvalid(postJson(Paths.LOGIN_MFA, null, "{\"credential\":" + valid + "}"), "mfa_token");
        assertInvalid(postJson(Paths.LOGIN_MFA, null, "{\"mfa_token\":\"" + mfaToken + "\",\"credential\":\"x\"}"),
                "credential");
        assertProblem(secondStepWithPasskey(mfaToken, "{\"id\":\"x\"}"), 400);
        assertEquals(1, Database.count("select count(*) from sessions where user_id = ?::uuid", holder.account().userId()),
                "no refusal signed in");
        assertEquals(200, secondStepWithPasskey(mfaToken, valid).status(), "the token lived through the refusals");

        SecondFactorTests.Enrolled withoutPasskey = SecondFactorTests.enrolled();
        Api.Reply password = Api.post(Paths.LOGIN, json("email", withoutPasskey.email(), "password", Users.PASSWORD));
        assertEquals(List.of("totp", "recovery_code"), strings(password.json(), "methods"));
        assertProblem(secondStepOptions(password.json().getString("mfa_token")), 409);
    }

    /** Each options request makes a challenge row: they count against the address's login attempts (20 here). */
    @Test
    void signInOptionsCountAsLoginAttemptsOfTheAddress() {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, Api.post(SIGN_IN_OPTIONS, json()).status());
        }
        assertProblem(Api.post(SIGN_IN_OPTIONS, json()), 429);
        assertProblem(Api.post(Paths.LOGIN, json("email", Users.newEmail(), "password", Users.PASSWORD)), 429);
    }

    /** Ten removals of one passkey at once: one removes it, the others find nothing; one notice is mailed. */
    @Test
    void oneRemovalFiredTenTimesAtOnceRemovesOnce() throws Exception {
        Holder holder = registered(1);
        String id = Api.get(PASSKEYS, holder.accessToken()).json().getJsonArray("passkeys").getJsonObject(0)
                .getString("id");
        List<Integer> statuses = AtOnce.statuses(10, i -> Api.delete(PASSKEYS + "/" + id, holder.accessToken(), json())
                .status());
        assertEquals(1, java.util.Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(9, java.util.Collections.frequency(statuses, 404), statuses.toString());
        assertEquals(1, SecondFactorTests.auditEvents(holder.userId(), "PASSKEY_REMOVED"));
    }

    @Test
    void aPasskeyAloneTurnsNoSecondStepOn() {
        Holder holder = registered(1);
        JsonObject login = Users.login(holder.email(), Users.PASSWORD);
        assertTrue(login.containsKey("token"), "a password alone still signs in: " + login);
        assertEquals(List.of(), strings(Api.get(Paths.MFA, holder.accessToken()).json(), "methods"));
    }

    @Test
    void oneSecondStepAssertionFiredTenTimesAtOnceWinsOnce() throws Exception {
        TwoStep holder = twoStepWithPasskey();
        String mfaToken = SecondFactorTests.passwordStep(holder.account().email());
        String assertion = holder.key().nextAssertion(secondStepOptions(mfaToken).json(), Api.BASE, RP_ID,
                holder.userHandle(), UP_UV);
        List<Integer> statuses = AtOnce.statuses(10, i -> secondStepWithPasskey(mfaToken, assertion).status());
        assertEquals(1, java.util.Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(9, java.util.Collections.frequency(statuses, 401), statuses.toString());
        assertEquals(2, Database.count("select count(*) from sessions where user_id = ?::uuid", holder.account().userId()));
    }

    @Test
    void theOwnerListsRenamesAndRemovesPasskeysAndNobodyElseDoes() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        Api.Reply here = RefreshCookies.login(email);
        Api.Reply elsewhere = RefreshCookies.login(email);
        String token = here.json().getString("token");
        JsonObject options = Api.post(OPTIONS, token, json()).json();
        SoftwareAuthenticator key = new SoftwareAuthenticator(1);
        assertEquals(201, postJson(REGISTER, token, key.register(options, Api.BASE, RP_ID)).status());
        assertTrue(Mailbox.titled(email, 2, "A passkey was added").text().contains("\"Passkey 1\""));
        Holder other = registered(1);

        Api.Reply listed = Api.get(PASSKEYS, token);
        assertEquals(200, listed.status(), listed.text());
        JsonObject passkey = listed.json().getJsonArray("passkeys").getJsonObject(0);
        assertEquals(1, listed.json().getJsonArray("passkeys").size());
        assertEquals("Passkey 1", passkey.getString("name"));
        assertTrue(passkey.isNull("last_used_at"));
        String id = passkey.getString("id");

        Api.Reply renamed = Api.patch(PASSKEYS + "/" + id, token, json("name", "  Work laptop  "));
        assertEquals(200, renamed.status(), renamed.text());
        assertEquals("Work laptop", renamed.json().getString("name"));
        assertInvalid(Api.patch(PASSKEYS + "/" + id, token, json("name", " ")), "name");
        assertInvalid(Api.patch(PASSKEYS + "/" + id, token, json("name", "x".repeat(101))), "name");
        assertInvalid(Api.patch(PASSKEYS + "/" + id, token, json("name", "bell\u0007")), "name");
        assertEquals("Work laptop", Database.value("select name from passkeys where id = ?::uuid", id).orElseThrow());
        assertEquals(1, SecondFactorTests.auditEvents(userId, "PASSKEY_RENAMED"));

        assertEquals(List.of(), Api.get(PASSKEYS, other.accessToken()).json().getJsonArray("passkeys")
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("id").equals(id)).toList());
        assertProblem(Api.patch(PASSKEYS + "/" + id, other.accessToken(), json("name", "Mine now")), 404);
        assertProblem(Api.delete(PASSKEYS + "/" + id, other.accessToken(), json()), 404);
        assertProblem(Api.delete(PASSKEYS + "/not-a-uuid", token, json()), 404);
        assertProblem(Api.get(PASSKEYS), 401);
        assertEquals("Work laptop", Database.value("select name from passkeys where id = ?::uuid", id).orElseThrow());

        String aged = SecondFactorTests.agedSignIn(RefreshCookies.of(here).value(), token);
        JsonObject stepUp = assertProblem(Api.delete(PASSKEYS + "/" + id, aged, json()), 401);
        assertEquals(SecondFactorTests.STEP_UP, stepUp.getString("type"));
        assertEquals(1, Database.count("select count(*) from passkeys where id = ?::uuid", id));

        String fresh = Users.login(email, Users.PASSWORD).getString("token");
        Api.Reply removed = Api.delete(PASSKEYS + "/" + id, fresh, json());
        assertEquals(200, removed.status(), removed.text());
        assertEquals(0, Database.count("select count(*) from passkeys where user_id = ?::uuid", userId));
        assertEquals(1, SecondFactorTests.auditEvents(userId, "PASSKEY_REMOVED"));
        assertTrue(Mailbox.titled(email, 3, "A passkey was removed").text().contains("\"Work laptop\""));
        assertEquals(401, RefreshCookies.refresh(RefreshCookies.of(elsewhere).value()).status(),
                "the other sessions are over");
        assertEquals(200, Api.get(Paths.ME, fresh).status(), "the session that removed it is not");
        assertProblem(postJson(SIGN_IN, null, key.nextAssertion(Api.post(SIGN_IN_OPTIONS, json()).json(), Api.BASE,
                RP_ID, options.getJsonObject("user").getString("id"), UP_UV)), 401);
        assertProblem(Api.delete(PASSKEYS + "/" + id, fresh, json()), 404);
    }

    @Test
    void removingAPasskeyAfterAnOldSignInTakesACodeWhenTheAccountHasAnApp() {
        TwoStep holder = twoStepWithPasskey();
        String aged = SecondFactorTests.agedSignIn(holder.account().refreshCookie(), holder.account().accessToken());
        String id = Api.get(PASSKEYS, aged).json().getJsonArray("passkeys").getJsonObject(0).getString("id");
        assertProblem(Api.delete(PASSKEYS + "/" + id, aged, json("mfa_code", "000000")), 401);
        Api.Reply removed = Api.delete(PASSKEYS + "/" + id, aged, json("mfa_code", holder.account().app().code(0)));
        assertEquals(200, removed.status(), removed.text());
        assertEquals(List.of("totp", "recovery_code"), strings(Api.get(Paths.MFA, aged).json(), "methods"));
    }
}
