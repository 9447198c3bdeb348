package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static io.latchkey.it.support.Api.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** POST /api/v1/auth/password/reset (API.md #5) and PATCH /api/v1/auth/password/update (#6). */
abstract class PasswordResetTests {

    @Test
    void knownAndUnknownAddressesGetTheSameAnswerAndOnlyTheKnownOneAMail() {
        String known = Users.newEmail();
        Users.register(known);
        String unknown = Users.newEmail();

        Api.Reply forKnown = Api.post(Paths.RESET, json("email", known));
        Api.Reply forUnknown = Api.post(Paths.RESET, json("email", unknown));

        assertEquals(200, forKnown.status(), forKnown.text());
        assertEquals("{\"message\":\"Reset link sent successfully\"}", forKnown.text());
        assertEquals(forKnown.text(), forUnknown.text());
        assertEquals(Api.headersButDate(forKnown), Api.headersButDate(forUnknown));
        Mailbox.Received mail = Mailbox.titled(known, 2, "Reset your password");
        assertTrue(mail.token(Paths.RESET_LINK).startsWith("lkr_"));
        Mailbox.assertNoMore(unknown, 0);
        assertEquals(0, Database.count("select count(*) from outbox_mails where recipient = ?", unknown));
    }

    @Test
    void invalidAddressesAre422() {
        assertInvalid(Api.post(Paths.RESET, json()), "email");
        assertInvalid(Api.post(Paths.RESET, json("email", "not an address")), "email");
    }

    @Test
    void theLinkSetsTheNewPasswordOnceEndsEverySessionAndMailsANotice() {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        Users.login(email, Users.PASSWORD);
        Users.login(email, Users.PASSWORD);
        assertEquals(2, Database.count("select count(*) from sessions where user_id = ?::uuid and revoked_at is null", userId));
        Api.post(Paths.RESET, json("email", email));
        String token = Mailbox.token(email, 2, Paths.RESET_LINK);

        Api.Reply updated = patch(Paths.UPDATE, json("token", token, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD));

        assertEquals(200, updated.status(), updated.text());
        assertEquals("Password successfully updated", updated.json().getString("message"));
        assertEquals(1, updated.json().size(), "no token: the update does not log in");
        assertEquals(401, Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD)).status());
        Users.login(email, Users.OTHER_PASSWORD);
        assertEquals(2, Database.count("select count(*) from sessions where user_id = ?::uuid and revoked_at is not null", userId),
                "both earlier sessions ended");
        Mailbox.titled(email, 3, "Your password was changed");
        assertProblem(patch(Paths.UPDATE, json("token", token, "password", "yet another pass phrase", "confirm_password",
                "yet another pass phrase")), 400);
    }

    @Test
    void aNewerLinkSupersedesTheOlderOne() {
        String email = Users.newEmail();
        Users.register(email);
        Api.post(Paths.RESET, json("email", email));
        String older = Mailbox.token(email, 2, Paths.RESET_LINK);
        Api.post(Paths.RESET, json("email", email));
        String newer = Mailbox.token(email, 3, Paths.RESET_LINK);

        assertProblem(patch(Paths.UPDATE, json("token", older, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)), 400);
        assertEquals(200, patch(Paths.UPDATE, json("token", newer, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)).status());
    }

    @Test
    void foreignExpiredAndUnknownTokensAre400AndAWeakPasswordKeepsTheToken() {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String verifyToken = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);
        Api.post(Paths.RESET, json("email", email));
        String token = Mailbox.token(email, 2, Paths.RESET_LINK);

        assertProblem(patch(Paths.UPDATE, json("token", verifyToken, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)), 400);
        assertProblem(patch(Paths.UPDATE, json("token", "lkr_unknown", "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)), 400);
        assertInvalid(patch(Paths.UPDATE, json("token", token, "password", "password1", "confirm_password", "password1")), "password");
        assertInvalid(patch(Paths.UPDATE, json("token", token, "password", Users.OTHER_PASSWORD, "confirm_password", "other")), "confirm_password");

        Database.update("update action_tokens set expires_at = now() - interval '1 second' where user_id = ?::uuid and kind = 'RESET_PASSWORD'", userId);
        assertProblem(patch(Paths.UPDATE, json("token", token, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)), 400);
        Users.login(email, Users.PASSWORD);
    }

    @Test
    void anotherUsersTokenResetsOnlyThatUser() {
        String mine = Users.newEmail();
        String theirs = Users.newEmail();
        Users.register(mine);
        Users.register(theirs);
        Api.post(Paths.RESET, json("email", theirs));
        String theirToken = Mailbox.token(theirs, 2, Paths.RESET_LINK);

        assertEquals(200, patch(Paths.UPDATE, json("token", theirToken, "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)).status());
        Users.login(mine, Users.PASSWORD);
        Users.login(theirs, Users.OTHER_PASSWORD);
    }
}
