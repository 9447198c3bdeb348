package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The second factor over HTTP: enrolment of an authenticator app, the second step of a login, recovery codes,
 * step-up for sensitive actions, and the abuse of each. Codes are computed here from the enrolment's secret
 * ({@link Authenticator}).
 */
abstract class SecondFactorTests {

    static final String STEP_UP = "urn:latchkey:problem:step-up-required";
    /** Issue 29.6: a wrong code of the second step says what to check. */
    static final String WRONG_CODE =
            "Invalid code; check that your device's time is set automatically, or use a recovery code";

    /** An account with a confirmed authenticator app, signed in on one device. */
    record Enrolled(String email, String userId, String accessToken, String refreshCookie, Authenticator app,
                    List<String> recoveryCodes) {
    }

    /**
     * A new account that turns the second factor on, confirming with the previous step's code so that the current
     * and next ones are still unspent. Waits first, if needed, so that the test's codes stay in their steps.
     */
    static Enrolled enrolled() {
        Authenticator.awaitStepWithAtLeast(15);
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        Api.Reply login = RefreshCookies.login(email);
        String token = login.json().getString("token");
        Api.Reply started = Api.post(Paths.MFA_TOTP, token, json());
        assertEquals(200, started.status(), started.text());
        Authenticator app = new Authenticator(started.json().getString("secret"));
        Api.Reply confirmed = Api.post(Paths.MFA_CONFIRM, token, json("code", app.code(-1)));
        assertEquals(200, confirmed.status(), confirmed.text());
        List<String> codes = confirmed.json().getJsonArray("recovery_codes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        return new Enrolled(email, userId, token, RefreshCookies.of(login).value(), app, codes);
    }

    /** The password step of a login of an enrolled account: its {@code mfa_token}. */
    static String passwordStep(String email, String password) {
        Api.Reply reply = Api.post(Paths.LOGIN, json("email", email, "password", password));
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.json().getBoolean("mfa_required"), reply.text());
        return reply.json().getString("mfa_token");
    }

    static String passwordStep(String email) {
        return passwordStep(email, Users.PASSWORD);
    }

    static Api.Reply secondStep(String mfaToken, String code) {
        return Api.post(Paths.LOGIN_MFA, json("mfa_token", mfaToken, "code", code));
    }

    static JWTClaimsSet claims(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet();
    }

    /** As if the session had signed in an hour ago: its next access token says so, and no step-up is recent. */
    static String agedSignIn(String refreshCookie, String accessToken) {
        Database.update("update sessions set auth_time = now() - interval '1 hour' where id = ?::uuid",
                Users.sid(accessToken));
        Api.Reply refreshed = RefreshCookies.refresh(refreshCookie);
        assertEquals(200, refreshed.status(), refreshed.text());
        return refreshed.json().getString("token");
    }

    static long auditEvents(String userId, String kind) {
        return Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = ?", userId, kind);
    }

    @Test
    void enrolmentShowsTheSecretAsTextUriAndQrCodeAndActivatesNothingUntilConfirmed() throws Exception {
        Authenticator.awaitStepWithAtLeast(15);
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply started = Api.post(Paths.MFA_TOTP, token, json());

        assertEquals(200, started.status(), started.text());
        assertTrue(started.header("Cache-Control").contains("no-store"));
        JsonObject enrolment = started.json();
        String secret = enrolment.getString("secret");
        assertEquals(160, new Authenticator(secret).secretBits());
        URI uri = URI.create(enrolment.getString("otpauth_uri"));
        assertEquals("otpauth", uri.getScheme());
        assertEquals("totp", uri.getHost());
        assertEquals("/Latchkey:" + email, uri.getPath());
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("secret", secret, "issuer", "Latchkey", "algorithm", "SHA1", "digits", "6", "period", "30"),
                query);
        String qr = enrolment.getString("qr_code");
        assertTrue(qr.startsWith("data:image/svg+xml;base64,"), qr);
        assertTrue(new String(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)), StandardCharsets.UTF_8)
                .startsWith("<svg"));
        Instant expires = Instant.parse(enrolment.getString("expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toMinutes() >= 14, "about 15 minutes to confirm");

        Api.Reply login = Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD));
        assertEquals(200, login.status());
        assertTrue(login.json().containsKey("token"), "an unconfirmed enrolment protects nothing yet");
        String sealed = Database.value("select sealed_secret from totp_factors where user_id = ?::uuid", userId).orElseThrow();
        assertFalse(sealed.contains(secret), "the secret is stored sealed");
        assertEquals(1, Database.count("select count(*) from totp_factors where user_id = ?::uuid and confirmed_at is null",
                userId));
        assertEquals(1, auditEvents(userId, "MFA_ENROLMENT_STARTED"));
    }

    @Test
    void confirmingWithACodeTurnsItOnAndAnswersTenRecoveryCodesOnce() {
        Enrolled user = enrolled();

        assertEquals(10, user.recoveryCodes().size());
        assertEquals(10, new HashSet<>(user.recoveryCodes()).size());
        user.recoveryCodes().forEach(code -> assertTrue(code.matches("[a-z2-7]{5}-[a-z2-7]{5}"), code));
        assertEquals(10, Database.count("select count(*) from recovery_codes where user_id = ?::uuid and used_at is null",
                user.userId()));
        for (String code : user.recoveryCodes()) {
            assertEquals(0, Database.count("select count(*) from recovery_codes where code_hash like ?",
                    "%" + code.replace("-", "") + "%"), "codes are stored hashed");
        }
        JsonObject status = Api.get(Paths.MFA, user.accessToken()).json();
        assertTrue(status.getBoolean("enabled"));
        assertEquals(List.of("totp", "recovery_code"), status.getJsonArray("methods").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList());
        assertEquals(10, status.getInt("recovery_codes_left"));
        assertFalse(status.getJsonObject("totp").getString("added_at").isBlank());
        Mailbox.titled(user.email(), 2, "Two-step sign-in is on");
        assertEquals(1, auditEvents(user.userId(), "MFA_ENABLED"));
        assertProblem(Api.post(Paths.MFA_TOTP, user.accessToken(), json()), 409);
        assertProblem(Api.post(Paths.MFA_CONFIRM, user.accessToken(), json("code", user.app().code())), 409);
    }

    @Test
    void oneConfirmationFiredTenTimesAtOnceTurnsItOnOnce() throws Exception {
        Authenticator.awaitStepWithAtLeast(15);
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        Authenticator app = new Authenticator(Api.post(Paths.MFA_TOTP, token, json()).json().getString("secret"));
        String code = app.code();

        List<Integer> statuses = AtOnce.statuses(10, i -> Api.post(Paths.MFA_CONFIRM, token, json("code", code)).status());

        assertEquals(1, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(9, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals(10, Database.count("select count(*) from recovery_codes where user_id = ?::uuid", userId),
                "one set of recovery codes");
        assertEquals(1, auditEvents(userId, "MFA_ENABLED"));
    }

    @Test
    void aWrongOrLateConfirmationTurnsNothingOn() {
        Authenticator.awaitStepWithAtLeast(15);
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        assertProblem(Api.post(Paths.MFA_CONFIRM, token, json("code", "123456")), 409);
        Authenticator first = new Authenticator(Api.post(Paths.MFA_TOTP, token, json()).json().getString("secret"));
        Authenticator second = new Authenticator(Api.post(Paths.MFA_TOTP, token, json()).json().getString("secret"));

        assertInvalid(Api.post(Paths.MFA_CONFIRM, token, json("code", first.code())), "code");
        assertInvalid(Api.post(Paths.MFA_CONFIRM, token, json("code", "not a code")), "code");
        assertInvalid(Api.post(Paths.MFA_CONFIRM, token, json()), "code");
        Database.update("update totp_factors set created_at = now() - interval '16 minutes'"
                + " where user_id = (select id from users where email = ?)", email);
        assertProblem(Api.post(Paths.MFA_CONFIRM, token, json("code", second.code())), 409);

        assertTrue(Users.login(email, Users.PASSWORD).containsKey("token"), "still a one-step login");
        assertFalse(Api.get(Paths.MFA, token).json().getBoolean("enabled"));
    }

    @Test
    void theRightCodeCompletesTheLoginWithPasswordAndOneTimeCode() throws Exception {
        Enrolled user = enrolled();

        Api.Reply first = Api.post(Paths.LOGIN, json("email", user.email(), "password", Users.PASSWORD));
        assertEquals(200, first.status());
        assertEquals(java.util.Set.of("mfa_required", "mfa_token", "methods"), first.json().keySet());
        assertTrue(first.json().getString("mfa_token").startsWith("lkm_"));
        assertEquals(List.of("totp", "recovery_code"), first.json().getJsonArray("methods")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(List.of(), first.headers().allValues("Set-Cookie"), "no cookie before the second step");
        assertTrue(first.header("Cache-Control").contains("no-store"));

        Api.Reply second = secondStep(first.json().getString("mfa_token"), user.app().code());

        assertEquals(200, second.status(), second.text());
        assertEquals(java.util.Set.of("token", "expires_in", "user"), second.json().keySet());
        assertEquals(user.userId(), second.json().getJsonObject("user").getString("id"));
        RefreshCookies.SetCookie cookie = RefreshCookies.of(second);
        assertEquals("", cookie.attribute("HttpOnly"));
        JWTClaimsSet claims = claims(second.json().getString("token"));
        assertEquals(List.of("pwd", "otp"), claims.getStringListClaim("amr"));
        long authTime = claims.getLongClaim("auth_time");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - authTime) < 60);

        Api.Reply refreshed = RefreshCookies.refresh(cookie.value());
        JWTClaimsSet renewed = claims(refreshed.json().getString("token"));
        assertEquals(List.of("pwd", "otp"), renewed.getStringListClaim("amr"), "a refresh keeps how the user signed in");
        assertEquals(authTime, renewed.getLongClaim("auth_time"));
        JsonObject listed = Api.get(Paths.SESSIONS, second.json().getString("token")).json().getJsonArray("sessions")
                .getValuesAs(JsonObject.class).stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        assertEquals(List.of("pwd", "otp"), listed.getJsonArray("amr").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals(authTime, Instant.parse(listed.getString("auth_time")).getEpochSecond());
        assertEquals(1, auditEvents(user.userId(), "LOGIN_SECOND_STEP"));
    }

    @Test
    void anAccountWithoutASecondFactorSignsInWithThePasswordAlone() throws Exception {
        Api.Reply login = RefreshCookies.login(Users.newUser());
        assertEquals(java.util.Set.of("token", "expires_in", "user"), login.json().keySet());
        assertEquals(List.of("pwd"), claims(login.json().getString("token")).getStringListClaim("amr"));
    }

    @Test
    void aCodeIsAcceptedOnceAndOnlyNearItsStep() {
        Enrolled user = enrolled();
        Database.update("update totp_factors set last_used_step = -1 where user_id = ?::uuid", user.userId());
        String code = user.app().code(-1);

        assertEquals(200, secondStep(passwordStep(user.email()), code).status(), "the previous step's code");
        assertProblem(secondStep(passwordStep(user.email()), code), 401);
        assertEquals(200, secondStep(passwordStep(user.email()), user.app().code(1)).status(), "the next step's code");
        assertProblem(secondStep(passwordStep(user.email()), user.app().code(0)), 401);

        Enrolled other = enrolled();
        Database.update("update totp_factors set last_used_step = -1 where user_id = ?::uuid", other.userId());
        String token = passwordStep(other.email());
        assertEquals(WRONG_CODE, assertProblem(secondStep(token, other.app().code(-2)), 401).getString("detail"));
        assertProblem(secondStep(token, other.app().code(2)), 401);
        assertEquals(200, secondStep(token, other.app().code()).status(), "the same token, with the current code");
    }

    @Test
    void aRecoveryCodeSignsInOnceAndSaysSo() throws Exception {
        Enrolled user = enrolled();
        String recovery = user.recoveryCodes().get(3).toUpperCase().replace("-", " ");

        Api.Reply signedIn = secondStep(passwordStep(user.email()), recovery);

        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(List.of("pwd", "otp"), claims(signedIn.json().getString("token")).getStringListClaim("amr"));
        assertProblem(secondStep(passwordStep(user.email()), user.recoveryCodes().get(3)), 401);
        assertEquals(9, Api.get(Paths.MFA, user.accessToken()).json().getInt("recovery_codes_left"));
        Mailbox.titled(user.email(), 3, "A recovery code was used");
        assertEquals(1, auditEvents(user.userId(), "MFA_RECOVERY_CODE_USED"));
    }

    @Test
    void theMfaTokenIsNothingButTheSecondStepOfItsLogin() throws Exception {
        Enrolled user = enrolled();
        String mfaToken = passwordStep(user.email());

        assertProblem(Api.get(Paths.ME, mfaToken), 401);
        assertProblem(RefreshCookies.refresh(mfaToken), 401);
        assertProblem(Api.patch(Paths.VERIFY, json("token", mfaToken)), 400);
        assertProblem(Api.patch(Paths.UPDATE, json("token", mfaToken, "password", Users.OTHER_PASSWORD,
                "confirm_password", Users.OTHER_PASSWORD)), 400);
        String verification = Mailbox.token(user.email(), 2, Paths.VERIFY_LINK);
        assertProblem(secondStep(verification, user.app().code()), 401);

        assertEquals(200, secondStep(mfaToken, user.app().code()).status(), "still good for its own purpose");
        assertEquals("This sign-in has expired or was completed; sign in again",
                assertProblem(secondStep(mfaToken, user.app().code(1)), 401).getString("detail"));

        String late = passwordStep(user.email());
        Database.update("update action_tokens set expires_at = now() - interval '1 second'"
                + " where user_id = ?::uuid and kind = 'MFA_LOGIN' and used_at is null", user.userId());
        assertProblem(secondStep(late, user.app().code(1)), 401);
        assertInvalid(Api.post(Paths.LOGIN_MFA, json("code", user.app().code(1))), "mfa_token");
        assertInvalid(Api.post(Paths.LOGIN_MFA, json("mfa_token", late)), "code");
        assertProblem(secondStep("lkm_" + "A".repeat(5000), "1".repeat(5000)), 401);
    }

    @Test
    void theFifthWrongCodeEndsTheMfaToken() {
        Enrolled user = enrolled();
        String mfaToken = passwordStep(user.email());
        for (int i = 0; i < 5; i++) {
            assertEquals(WRONG_CODE, assertProblem(secondStep(mfaToken, "00000" + i), 401).getString("detail"));
        }

        assertEquals("This sign-in has expired or was completed; sign in again",
                assertProblem(secondStep(mfaToken, user.app().code()), 401).getString("detail"),
                "the sixth try is refused, even with the right code");
        assertEquals(200, secondStep(passwordStep(user.email()), user.app().code()).status(),
                "a new login starts afresh");
        assertEquals(5, auditEvents(user.userId(), "MFA_FAILED"));
    }

    @Test
    void wrongCodesForOneAccountAreThrottledWhateverTheToken() {
        Enrolled user = enrolled();
        for (int token = 0; token < 2; token++) {
            String mfaToken = passwordStep(user.email());
            for (int i = 0; i < 5; i++) {
                assertProblem(secondStep(mfaToken, "99999" + i), 401);
            }
        }

        Api.actAs(Api.freshClientAddress());
        Api.Reply throttled = secondStep(passwordStep(user.email()), user.app().code());
        assertProblem(throttled, 429);
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) >= 1);
        assertEquals(1, auditEvents(user.userId(), "MFA_THROTTLED"));
    }

    @Test
    void aWrongPasswordOnAnAccountWithASecondFactorAnswersAsOnAnyOther() {
        Enrolled user = enrolled();
        String plain = Users.newUser();

        Api.actAs(Api.freshClientAddress());
        Api.Reply withFactor = Api.post(Paths.LOGIN, json("email", user.email(), "password", "not the password"));
        Api.actAs(Api.freshClientAddress());
        Api.Reply without = Api.post(Paths.LOGIN, json("email", plain, "password", "not the password"));

        assertEquals(401, withFactor.status());
        assertEquals(without.status(), withFactor.status());
        assertEquals(without.text(), withFactor.text());
        assertEquals(Api.headersButDate(without), Api.headersButDate(withFactor));
    }

    @Test
    void theSameCodeFiredTenTimesAtOnceSignsInOnce() throws Exception {
        Enrolled user = enrolled();
        String mfaToken = passwordStep(user.email());
        String code = user.app().code();

        List<Integer> sameToken = AtOnce.statuses(10, i -> secondStep(mfaToken, code).status());

        assertEquals(1, Collections.frequency(sameToken, 200), sameToken.toString());
        assertEquals(9, Collections.frequency(sameToken, 401), sameToken.toString());

        Enrolled other = enrolled();
        Api.actAs(Api.freshClientAddress());
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(passwordStep(other.email()));
        }
        Api.actAs(Api.freshClientAddress());
        String next = other.app().code();
        List<Integer> tenTokens = AtOnce.statuses(10, i -> secondStep(tokens.get(i), next).status());
        assertEquals(1, Collections.frequency(tenTokens, 200), "one code, ten logins: " + tenTokens);
        assertEquals(1, Database.count("select count(*) from sessions where user_id = ?::uuid and amr = 'pwd otp'",
                other.userId()));
    }

    @Test
    void oneCodeSentToTwoInstancesAtOnceSignsInOnce() throws Exception {
        SecondInstance.shared();
        Enrolled user = enrolled();
        List<String> bases = List.of(Api.BASE, SecondInstance.BASE);
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api.Reply login = Api.post(bases.get(i % 2) + Paths.LOGIN, json("email", user.email(), "password", Users.PASSWORD));
            tokens.add(login.json().getString("mfa_token"));
        }
        Api.actAs(Api.freshClientAddress());
        String code = user.app().code();

        List<Integer> statuses = AtOnce.statuses(10, i -> Api.post(bases.get((i + 1) % 2) + Paths.LOGIN_MFA,
                json("mfa_token", tokens.get(i), "code", code)).status());

        assertEquals(1, Collections.frequency(statuses, 200), "one code, two instances: " + statuses);
        assertEquals(9, Collections.frequency(statuses, 401), statuses.toString());
    }

    @Test
    void oneRecoveryCodeFiredTenTimesAtOnceSignsInOnce() throws Exception {
        Enrolled user = enrolled();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(passwordStep(user.email()));
        }
        Api.actAs(Api.freshClientAddress());
        String recovery = user.recoveryCodes().get(9);

        List<Integer> statuses = AtOnce.statuses(10, i -> secondStep(tokens.get(i), recovery).status());

        assertEquals(1, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(1, Database.count("select count(*) from recovery_codes where user_id = ?::uuid and used_at is not null",
                user.userId()));
        Mailbox.titled(user.email(), 4, "A recovery code was used");
        Mailbox.titled(user.email(), 4, "A new sign-in to your account"); // from this test's second address, once
        Mailbox.assertNoMore(user.email(), 4);
    }

    @Test
    void aPasswordResetDoesNotBypassTheSecondFactor() {
        Enrolled user = enrolled();
        // Turned on before the window within which a reset removes what was added (RECOVERY_FACTOR_WINDOW, issue 28).
        Database.update("update totp_factors set confirmed_at = now() - interval '8 days' where user_id = ?::uuid",
                user.userId());
        assertEquals(200, Api.post(Paths.RESET, json("email", user.email())).status());
        String reset = Mailbox.token(user.email(), 3, Paths.RESET_LINK);
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", reset, "password", Users.OTHER_PASSWORD,
                "confirm_password", Users.OTHER_PASSWORD)).status());

        String mfaToken = passwordStep(user.email(), Users.OTHER_PASSWORD);
        assertEquals(200, secondStep(mfaToken, user.recoveryCodes().get(0)).status(), "a recovery code is the way back");
    }

    @Test
    void turningItOffNeedsAStepUpEndsTheOtherSessionsAndMailsANotice() {
        Enrolled user = enrolled();
        Api.Reply otherDevice = secondStep(passwordStep(user.email()), user.app().code());
        String otherCookie = RefreshCookies.of(otherDevice).value();
        String stale = agedSignIn(user.refreshCookie(), user.accessToken());

        JsonObject refused = assertProblem(Api.delete(Paths.MFA_TOTP, stale, json()), 401);
        assertEquals(STEP_UP, refused.getString("type"));
        assertEquals(STEP_UP, assertProblem(Api.delete(Paths.MFA_TOTP, stale, json("mfa_code", "000000")), 401)
                .getString("type"));
        assertTrue(Api.get(Paths.MFA, stale).json().getBoolean("enabled"), "nothing changed");

        Api.Reply off = Api.delete(Paths.MFA_TOTP, stale, json("mfa_code", user.app().code(1)));

        assertEquals(200, off.status(), off.text());
        assertFalse(Api.get(Paths.MFA, stale).json().getBoolean("enabled"));
        assertProblem(RefreshCookies.refresh(otherCookie), 401);
        assertEquals(200, Api.get(Paths.ME, stale).status(), "the session that turned it off stays");
        JsonObject oneStep = Users.login(user.email(), Users.PASSWORD);
        assertTrue(oneStep.containsKey("token"), "a one-step login again");
        assertEquals(0, Database.count("select count(*) from recovery_codes where user_id = ?::uuid", user.userId()));
        Mailbox.titled(user.email(), 3, "Two-step sign-in was turned off");
        assertEquals(1, auditEvents(user.userId(), "MFA_DISABLED"));
        assertProblem(Api.delete(Paths.MFA_TOTP, oneStep.getString("token"), json()), 404);
    }

    @Test
    void aRecentSignInIsStepUpEnough() {
        Enrolled user = enrolled();
        String fresh = secondStep(passwordStep(user.email()), user.app().code()).json().getString("token");
        assertEquals(200, Api.delete(Paths.MFA_TOTP, fresh, json()).status());
    }

    @Test
    void newRecoveryCodesNeedAStepUpAndReplaceTheOldOnes() {
        Enrolled user = enrolled();
        String stale = agedSignIn(user.refreshCookie(), user.accessToken());
        assertEquals(STEP_UP, assertProblem(Api.post(Paths.RECOVERY_CODES, stale, json()), 401).getString("type"));

        Api.Reply replaced = Api.post(Paths.RECOVERY_CODES, stale, json("mfa_code", user.app().code()));

        assertEquals(200, replaced.status(), replaced.text());
        assertTrue(replaced.header("Cache-Control").contains("no-store"));
        List<String> fresh = replaced.json().getJsonArray("recovery_codes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertEquals(10, fresh.size());
        assertProblem(secondStep(passwordStep(user.email()), user.recoveryCodes().get(0)), 401);
        assertEquals(200, secondStep(passwordStep(user.email()), fresh.get(0)).status());
        Mailbox.titled(user.email(), 4, "New recovery codes were made");
        assertEquals(1, auditEvents(user.userId(), "MFA_RECOVERY_CODES_REPLACED"));
        assertProblem(Api.post(Paths.RECOVERY_CODES, Users.accessToken(), json()), 409);
    }

    @Test
    void aPasswordChangeOfAnAccountWithASecondFactorNeedsAStepUp() {
        Enrolled user = enrolled();
        String stale = agedSignIn(user.refreshCookie(), user.accessToken());
        JsonObjectBuilderFactory change = code -> json("current_password", Users.PASSWORD, "password",
                Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD, "mfa_code", code);

        assertEquals(STEP_UP, assertProblem(Api.patch(Paths.CHANGE_PASSWORD, stale, change.of("")), 401).getString("type"));
        assertEquals(0, auditEvents(user.userId(), "PASSWORD_CHANGE_FAILED"), "the password was not even checked");
        assertEquals(200, Api.patch(Paths.CHANGE_PASSWORD, stale, change.of(user.app().code())).status());

        String plain = Users.newEmail();
        Users.register(plain);
        Api.Reply login = RefreshCookies.login(plain);
        String plainStale = agedSignIn(RefreshCookies.of(login).value(), login.json().getString("token"));
        assertEquals(200, Api.patch(Paths.CHANGE_PASSWORD, plainStale, change.of("")).status(),
                "without a second factor, a password change is as it was");
    }

    @Test
    void settingUpAFactorNeedsARecentSignIn() {
        String email = Users.newEmail();
        Users.register(email);
        Api.Reply login = RefreshCookies.login(email);
        String stale = agedSignIn(RefreshCookies.of(login).value(), login.json().getString("token"));

        JsonObject refused = assertProblem(Api.post(Paths.MFA_TOTP, stale, json()), 401);

        assertEquals(STEP_UP, refused.getString("type"));
        assertEquals(0, Database.count("select count(*) from totp_factors where user_id = (select id from users"
                + " where email = ?)", email));
    }

    @Test
    void everyEndpointNeedsAnAccessToken() {
        assertProblem(Api.get(Paths.MFA), 401);
        assertProblem(Api.send(Api.request(Paths.MFA_TOTP).POST(HttpRequest.BodyPublishers.noBody())), 401);
        assertProblem(Api.post(Paths.MFA_CONFIRM, json("code", "123456")), 401);
        assertProblem(Api.send("DELETE", Paths.MFA_TOTP, Map.of()), 401);
        assertProblem(Api.post(Paths.RECOVERY_CODES, json()), 401);
        JsonObject none = Api.get(Paths.MFA, Users.accessToken()).json();
        assertFalse(none.getBoolean("enabled"));
        assertTrue(none.isNull("totp"));
        assertEquals(0, none.getInt("recovery_codes_left"));
        assertNotEquals(STEP_UP, assertProblem(Api.get(Paths.MFA), 401).getString("type"));
    }

    interface JsonObjectBuilderFactory {
        jakarta.json.JsonObjectBuilder of(String code);
    }
}
