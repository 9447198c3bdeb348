package io.latchkey.it;

import io.latchkey.it.support.*;
import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GDPR: the export of everything held about the user, and the deletion of the account, both behind a step-up. */
abstract class AccountDataTests {

    @Test
    void deletionRemovesWhatItSaysKeepsAnonymousAuditEventsAndFreesTheAddress() {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        String email = enrolled.email();
        String userId = enrolled.userId();
        Api.post(Paths.RESET, json("email", email));
        Mailbox.token(email, 3, Paths.RESET_LINK);
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        Mailbox.titled(email, 4, EmailSignInTests.CODE_SUBJECT);
        String token = enrolled.accessToken();

        assertInvalid(Api.delete(Paths.ACCOUNT, token, json("password", "wrong password")), "password");
        assertInvalid(Api.delete(Paths.ACCOUNT, token, json()), "password");
        assertEquals(SecondFactorTests.STEP_UP, assertProblem(Api.delete(Paths.ACCOUNT, token,
                json("mfa_code", "000000")), 401).getString("type"));
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid", userId));
        assertProblem(Api.send(Api.request(Paths.ACCOUNT).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"password\":\"x\"}"))), 401);

        Api.Reply deleted = Api.delete(Paths.ACCOUNT, token, json("password", Users.PASSWORD));

        assertEquals(200, deleted.status(), deleted.text());
        assertEquals("0", RefreshCookies.of(deleted).attribute("Max-Age"));
        for (String table : List.of("users where id", "sessions where user_id", "action_tokens where user_id",
                "totp_factors where user_id", "recovery_codes where user_id", "passkeys where user_id",
                "sign_in_origins where user_id")) {
            assertEquals(0, Database.count("select count(*) from " + table + " = ?::uuid", userId), table);
        }
        assertEquals(0, Database.count("select count(*) from outbox_mails where user_id = ?", userId));
        assertEquals(0, Database.count("select count(*) from password_reset_requests where lower(email) = lower(?)", email));
        assertEquals(1, Database.count("select count(*) from outbox_mails where recipient = ?", email),
                "only the last notice");
        assertTrue(Database.count("select count(*) from audit_events where user_id = ?::uuid", userId) >= 3);
        assertEquals(0, Database.count("select count(*) from audit_events where user_id = ?::uuid"
                + " and (client_address is not null or user_agent is not null)", userId));
        assertEquals(1, SecondFactorTests.auditEvents(userId, "ACCOUNT_DELETED"));
        assertEquals(401, Api.get(Paths.ME, token).status());
        assertEquals(401, RefreshCookies.refresh(enrolled.refreshCookie()).status());
        Mailbox.Received last = Mailbox.last(email, 5);
        assertEquals("Your ACME account was deleted", last.subject(), "the operator's template");
        assertTrue(last.html().contains("Your account and everything it held were deleted"),
                "the HTML part is the WAR's: " + last.html());

        Users.register(email);
        Users.login(email, Users.PASSWORD);
    }

    @Test
    void anAccountWithASecondFactorCanBeDeletedWithACode() {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();

        Api.Reply deleted = Api.delete(Paths.ACCOUNT, enrolled.accessToken(), json("mfa_code", enrolled.recoveryCodes().get(0)));

        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid", enrolled.userId()));
    }

    @Test
    void theExportHoldsTheUsersDataAndNoSecret() throws Exception {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        String email = enrolled.email();
        String fresh = Users.newEmail();
        Api.post(Paths.EMAIL, enrolled.accessToken(), json("email", fresh, "current_password", Users.PASSWORD));
        Mailbox.token(fresh, 1, Paths.EMAIL_CONFIRM_LINK);
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        Mailbox.titled(email, 3, EmailSignInTests.CODE_SUBJECT);
        Api.Reply otherLogin = Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD));

        Api.Reply exported = Api.get(Paths.EXPORT, enrolled.accessToken());

        assertEquals(200, exported.status(), exported.text());
        assertTrue(exported.header("Content-Disposition").startsWith("attachment"), exported.header("Content-Disposition"));
        assertTrue(exported.header("Cache-Control").contains("no-store"));
        JsonObject data = exported.json();
        assertEquals(email, data.getJsonObject("profile").getString("email"));
        assertEquals(fresh, data.getJsonObject("profile").getString("pending_email"));
        JsonObject session = data.getJsonArray("sessions").getJsonObject(0);
        assertEquals(Api.clientAddress(), session.getString("ip"));
        assertEquals("Unknown device", session.getString("device"), session.toString());
        assertFalse(data.getJsonObject("second_factor").getJsonObject("authenticator_app").isNull("confirmed_at"));
        assertEquals(10, data.getJsonObject("second_factor").getJsonArray("recovery_codes").size());
        assertTrue(data.getJsonArray("mails").size() >= 3, data.toString());
        assertTrue(data.getJsonArray("audit_events").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("kind").equals("MFA_ENABLED")));

        List<String> secrets = new ArrayList<>(List.of(enrolled.accessToken(), enrolled.refreshCookie(),
                otherLogin.json().getString("mfa_token")));
        for (String query : List.of(
                "select password_hash from users where id = ?::uuid",
                "select token_hash from action_tokens where user_id = ?::uuid",
                "select code_hash from action_tokens where user_id = ?::uuid and code_hash is not null",
                "select payload from action_tokens where user_id = ?::uuid and kind = 'UNDO_EMAIL_CHANGE'",
                "select sealed_secret from totp_factors where user_id = ?::uuid",
                "select code_hash from recovery_codes where user_id = ?::uuid",
                "select value_hash from sign_in_origins where user_id = ?::uuid")) {
            secrets.addAll(Database.values(query, enrolled.userId()));
        }
        secrets.addAll(enrolled.recoveryCodes());
        assertTrue(secrets.size() >= 20, "the scan looks for something: " + secrets.size());
        for (String secret : secrets) {
            assertFalse(exported.text().contains(secret), "the export holds a secret: " + secret);
        }
        assertEquals(1, SecondFactorTests.auditEvents(enrolled.userId(), "ACCOUNT_EXPORTED"));
    }

    @Test
    void theExportNeedsAStepUpAndAnAccessToken() {
        Api.Reply login = RefreshCookies.login(Users.newUser());
        String stale = SecondFactorTests.agedSignIn(RefreshCookies.of(login).value(), login.json().getString("token"));

        assertEquals(SecondFactorTests.STEP_UP, assertProblem(Api.get(Paths.EXPORT, stale), 401).getString("type"));
        assertProblem(Api.get(Paths.EXPORT), 401);
    }
}
