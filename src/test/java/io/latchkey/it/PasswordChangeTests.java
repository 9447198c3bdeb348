package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static io.latchkey.it.support.Api.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** PATCH /api/v1/auth/password: changing the password while logged in. */
abstract class PasswordChangeTests {

    static final String NEW_PASSWORD = "another long pass phrase";

    @Test
    void changesThePasswordEndsTheOtherSessionsAndMailsANotice() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String otherDevice = sid(Users.login(email, Users.PASSWORD).getString("token"));
        String token = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply changed = patch(Paths.CHANGE_PASSWORD, token, json("current_password", Users.PASSWORD, "password", NEW_PASSWORD,
                "confirm_password", NEW_PASSWORD));

        assertEquals(200, changed.status(), changed.text());
        assertEquals(401, Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD)).status());
        Users.login(email, NEW_PASSWORD);
        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null", otherDevice));
        assertEquals(0, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null", sid(token)),
                "the device that changed it stays in");
        Mailbox.titled(email, 2, "Your password was changed");
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid", userId));
    }

    @Test
    void theCurrentPasswordMustBeRightAndTheNewOneFollowTheRules() {
        String email = Users.newEmail();
        Users.register(email);
        String token = Users.login(email, Users.PASSWORD).getString("token");

        assertInvalid(patch(Paths.CHANGE_PASSWORD, token, json("current_password", "wrong password", "password", NEW_PASSWORD,
                "confirm_password", NEW_PASSWORD)), "current_password");
        assertInvalid(patch(Paths.CHANGE_PASSWORD, token, json("password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD)), "current_password");
        assertInvalid(patch(Paths.CHANGE_PASSWORD, token, json("current_password", Users.PASSWORD, "password", "qwertyuiop",
                "confirm_password", "qwertyuiop")), "password");
        Users.login(email, Users.PASSWORD);
        Mailbox.assertNoMore(email, 1);
    }

    @Test
    void needsAnAccessToken() {
        assertProblem(patch(Paths.CHANGE_PASSWORD, json("current_password", Users.PASSWORD, "password", NEW_PASSWORD,
                "confirm_password", NEW_PASSWORD)), 401);
    }

    private static String sid(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    }
}
