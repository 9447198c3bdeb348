package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verification mail (API.md #1), PATCH /api/v1/auth/verify/email (#3) and the resend endpoint (#4). */
abstract class VerificationTests {

    @Test
    void registrationMailsALinkWithATypedTokenStoredOnlyAsAHash() throws Exception {
        String email = Users.newEmail();
        Users.register(email);

        Mailbox.Received mail = Mailbox.last(email, 1);

        assertEquals("Verify your email address", mail.subject());
        assertTrue(mail.contentType().startsWith("multipart/alternative"), mail.contentType());
        assertNotNull(mail.html(), "an HTML part");
        String token = mail.token(Paths.VERIFY_LINK);
        assertTrue(token.startsWith("lkv_") && token.length() >= 4 + 43, token);
        assertEquals(java.util.List.of(Api.BASE + Paths.VERIFY_LINK + "?token=" + token), mail.htmlLinks());
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
        assertEquals(1, Database.count("select count(*) from action_tokens where token_hash = ? and kind = 'VERIFY_EMAIL'", sha256));
        assertEquals(0, Database.count("select count(*) from action_tokens where token_hash = ?", token), "never the token itself");
        assertEquals(0, Database.count("select count(*) from outbox_mails where recipient = ? and text_body like ?", email, "%" + token + "%"),
                "a delivered mail's link is not kept");
    }

    @Test
    void theLinkVerifiesTheEmailOnceAndHarmlesslyAgain() throws Exception {
        String email = Users.newEmail();
        Users.register(email);
        String token = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);

        Api.Reply first = Api.patch(Paths.VERIFY, json("token", token));
        assertEquals(200, first.status(), first.text());
        assertEquals("Email successfully verified", first.json().getString("message"));
        String verifiedAt = first.json().getJsonObject("user").getString("email_verified_at");
        Api.Reply again = Api.patch(Paths.VERIFY, json("token", token));
        assertEquals(200, again.status());
        assertEquals(verifiedAt, again.json().getJsonObject("user").getString("email_verified_at"), "the first instant stays");

        var claims = SignedJWT.parse(Users.login(email, Users.PASSWORD).getString("token")).getJWTClaimsSet();
        assertEquals(List.of("user", "verified"), claims.getStringListClaim("groups"));
        assertEquals(true, claims.getBooleanClaim("email_verified"));
    }

    @Test
    void badExpiredOrForeignTokensAre400AndVerifyNothing() {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);
        Api.post("/api/v1/auth/password/reset", json("email", email));
        String resetToken = Mailbox.token(email, 2, "/password/update/");

        assertProblem(Api.patch(Paths.VERIFY, json("token", "lkv_not-a-real-token")), 400);
        assertProblem(Api.patch(Paths.VERIFY, json()), 400);
        assertProblem(Api.patch(Paths.VERIFY, json("token", resetToken)), 400);
        assertProblem(Api.patch(Paths.VERIFY, json("token", Users.login(email, Users.PASSWORD).getString("token"))), 400);
        Database.update("update action_tokens set expires_at = now() - interval '1 second' where user_id = ?::uuid and kind = 'VERIFY_EMAIL'", userId);
        assertProblem(Api.patch(Paths.VERIFY, json("token", token)), 400);
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid and email_verified_at is not null", userId));
    }

    @Test
    void theHtmlPartEscapesTheName() {
        String email = Users.newEmail();
        Api.post(Paths.REGISTER, json("name", "<script>alert('x')</script> & co", "email", email,
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));

        Mailbox.Received mail = Mailbox.last(email, 1);

        assertTrue(mail.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), mail.html());
        assertFalse(mail.html().contains("<script>"));
        assertTrue(mail.text().contains("<script>alert('x')</script> & co"), "plain text needs no escaping");
    }

    @Test
    void resendIsForTheOwnerOnlyAndThrottled() {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        Mailbox.await(email, 1);
        String path = "/api/v1/auth/verify/resend/" + userId;

        assertProblem(Api.send("POST", path, Map.of()), 401);
        assertProblem(Api.postAs(path, Users.accessToken()), 403);
        Api.Reply tooSoon = Api.postAs(path, token);
        assertProblem(tooSoon, 429);
        int retryAfter = Integer.parseInt(tooSoon.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);

        Database.update("update action_tokens set created_at = created_at - interval '2 minutes' where user_id = ?::uuid", userId);
        Api.Reply resent = Api.postAs(path, token);
        assertEquals(200, resent.status(), resent.text());
        assertEquals("Verification email resent successfully", resent.json().getString("message"));
        String newToken = Mailbox.token(email, 2, Paths.VERIFY_LINK);
        assertProblem(Api.postAs(path, token), 429);

        assertEquals(200, Api.patch(Paths.VERIFY, json("token", newToken)).status());
        assertProblem(Api.postAs(path, token), 401);   // verifying ended the sessions made before it (issue 14.9)
        token = Users.login(email, Users.PASSWORD).getString("token");
        Api.Reply verified = Api.postAs(path, token);
        assertEquals(200, verified.status());
        assertEquals(Map.of("message", jakarta.json.Json.createValue("Email already verified")), verified.json());
        Mailbox.assertNoMore(email, 2);
    }

    static JsonObject user(Api.Reply reply) {
        return reply.json().getJsonObject("user");
    }
}
