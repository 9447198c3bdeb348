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

/**
 * Change of address: confirmed from the new mailbox, undone from the old one as a recovery; a taken address answered
 * like a free one; concurrency and replay of both links.
 */
abstract class EmailChangeTests {

    static final String CONFIRM_SUBJECT = "Confirm your new email address";
    static final String CHANGED_SUBJECT = "The email address of your account was changed";
    static final String TAKEN_SUBJECT = "Someone tried to use your email address";

    @Test
    void anEmailChangeWaitsForTheNewAddressThenTheOldOneCanUndoItAndEndEverySession() {
        String old = Users.newUser();
        Api.Reply login = RefreshCookies.login(old);
        String token = login.json().getString("token");
        String cookie = RefreshCookies.of(login).value();
        String fresh = Users.newEmail();

        Api.Reply asked = Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD));

        assertEquals(202, asked.status(), asked.text());
        assertEquals(fresh, Users.me(token).getString("pending_email"));
        assertEquals(old, Users.me(token).getString("email"));
        Users.login(old, Users.PASSWORD);
        assertEquals(401, Api.post(Paths.LOGIN, json("email", fresh, "password", Users.PASSWORD)).status(),
                "the new address signs in only once it is confirmed");
        Mailbox.Received confirmation = Mailbox.titled(fresh, 1, CONFIRM_SUBJECT);
        assertTrue(confirmation.text().contains(fresh), confirmation.text());
        String confirmToken = confirmation.token(Paths.EMAIL_CONFIRM_LINK);
        assertTrue(confirmToken.startsWith("lkc_"), confirmToken);

        Api.Reply confirmed = Api.post(Paths.EMAIL_CONFIRM, json("token", confirmToken));

        assertEquals(200, confirmed.status(), confirmed.text());
        assertEquals(fresh, confirmed.json().getJsonObject("user").getString("email"));
        assertFalse(Problems.isNull(confirmed.json().getJsonObject("user"), "email_verified_at"));
        assertEquals(400, Api.post(Paths.EMAIL_CONFIRM, json("token", confirmToken)).status(), "single use");
        assertEquals(401, Api.post(Paths.LOGIN, json("email", old, "password", Users.PASSWORD)).status());
        Users.login(fresh, Users.PASSWORD);
        assertEquals(200, Api.get(Paths.ME, token).status(), "the session that asked for it lives on");
        assertTrue(Problems.isNull(Users.me(token), "pending_email"));
        Mailbox.Received notice = Mailbox.titled(old, 2, CHANGED_SUBJECT);
        assertTrue(notice.text().contains(fresh), notice.text());
        String undoToken = notice.token(Paths.EMAIL_UNDO_LINK);
        assertTrue(undoToken.startsWith("lku_"), undoToken);

        Api.Reply undone = Api.post(Paths.EMAIL_UNDO, json("token", undoToken));

        assertEquals(200, undone.status(), undone.text());
        assertEquals(old, undone.json().getJsonObject("user").getString("email"));
        assertEquals(401, Api.get(Paths.ME, token).status(), "every session ended");
        assertEquals(401, RefreshCookies.refresh(cookie).status());
        assertEquals(0, Database.count("select count(*) from sessions s join users u on u.id = s.user_id"
                + " where lower(u.email) = lower(?) and s.revoked_at is null", old));
        assertEquals(400, Api.post(Paths.EMAIL_UNDO, json("token", undoToken)).status(), "single use");
        assertEquals(401, Api.post(Paths.LOGIN, json("email", old, "password", Users.PASSWORD)).status(),
                "whoever made the change knew the password: it is gone (issue 28)");
        assertEquals(401, Api.post(Paths.LOGIN, json("email", fresh, "password", Users.PASSWORD)).status());
        String reset = Mailbox.newest(old, "Reset your password").token(Paths.RESET_LINK);
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", reset, "password", Users.OTHER_PASSWORD,
                "confirm_password", Users.OTHER_PASSWORD)).status());
        Users.login(old, Users.OTHER_PASSWORD);
        assertEquals(1, auditEvents(old, "EMAIL_CHANGE_UNDONE"));
    }

    @Test
    void aTakenAddressIsAnsweredLikeAFreeOneAndItsOwnerIsToldInstead() {
        String owner = Users.newUser();
        String asker = Users.newUser();
        String token = Users.login(asker, Users.PASSWORD).getString("token");
        String other = Users.newUser();
        String otherToken = Users.login(other, Users.PASSWORD).getString("token");

        Api.Reply taken = Api.post(Paths.EMAIL, token, json("email", owner, "current_password", Users.PASSWORD));
        Api.Reply free = Api.post(Paths.EMAIL, otherToken, json("email", Users.newEmail(), "current_password",
                Users.PASSWORD));

        assertEquals(free.status(), taken.status());
        assertEquals(free.text(), taken.text());
        assertEquals(Api.headersButDate(free), Api.headersButDate(taken));
        assertEquals(owner, Users.me(token).getString("pending_email"), "pending, as any address would be");
        Mailbox.Received told = Mailbox.titled(owner, 2, TAKEN_SUBJECT);
        assertFalse(told.text().contains("token="), "no link that could move the account: " + told.text());
        assertFalse(told.text().contains(asker), "the owner is not told who asked");
        Mailbox.assertNoMore(owner, 2);
        assertEquals(asker, Users.me(token).getString("email"));
    }

    @Test
    void anEmailChangeNeedsTheRightPasswordAStepUpAndAValidAddressAndChangesNothingOtherwise() {
        String email = Users.newUser();
        Api.Reply login = RefreshCookies.login(email);
        String token = login.json().getString("token");

        assertInvalid(Api.post(Paths.EMAIL, token, json("email", Users.newEmail(), "current_password", "wrong")),
                "current_password");
        assertInvalid(Api.post(Paths.EMAIL, token, json("email", Users.newEmail())), "current_password");
        assertInvalid(Api.post(Paths.EMAIL, token, json("email", "not an address", "current_password", Users.PASSWORD)),
                "email");
        assertInvalid(Api.post(Paths.EMAIL, token, json("email", email.toUpperCase(), "current_password",
                Users.PASSWORD)), "email");
        assertProblem(Api.post(Paths.EMAIL, json("email", Users.newEmail(), "current_password", Users.PASSWORD)), 401);
        String stale = SecondFactorTests.agedSignIn(RefreshCookies.of(login).value(), token);
        assertEquals(SecondFactorTests.STEP_UP, assertProblem(Api.post(Paths.EMAIL, stale, json("email",
                Users.newEmail(), "current_password", Users.PASSWORD)), 401).getString("type"));

        assertTrue(Problems.isNull(Users.me(token), "pending_email"));
        assertEquals(0, Database.count("select count(*) from action_tokens t join users u on u.id = t.user_id"
                + " where u.email = ? and t.kind = 'CHANGE_EMAIL'", email));
        Mailbox.assertNoMore(email, 1);
    }

    @Test
    void tenConfirmationsOfOneLinkAtOnceChangeTheAddressOnce() throws Exception {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String fresh = Users.newEmail();
        assertEquals(202, Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD)).status());
        String link = Mailbox.token(fresh, 1, Paths.EMAIL_CONFIRM_LINK);

        List<Integer> statuses = AtOnce.statuses(10, i -> Api.post(Paths.EMAIL_CONFIRM, json("token", link)).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        Mailbox.titled(email, 2, CHANGED_SUBJECT);
        Mailbox.assertNoMore(email, 2);
    }

    @Test
    void tenUndosAtOnceRestoreTheAddressOnceAndTenLinkSignInsMakeOneSession() throws Exception {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String fresh = Users.newEmail();
        Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD));
        String confirm = Mailbox.token(fresh, 1, Paths.EMAIL_CONFIRM_LINK);
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", confirm)), 401); // a token of another kind
        assertEquals(200, Api.post(Paths.EMAIL_CONFIRM, json("token", confirm)).status());
        String undo = Mailbox.titled(email, 2, CHANGED_SUBJECT).token(Paths.EMAIL_UNDO_LINK);

        List<Integer> undos = AtOnce.statuses(10, i -> Api.post(Paths.EMAIL_UNDO, json("token", undo)).status());

        assertEquals(1, undos.stream().filter(s -> s == 200).count(), undos.toString());
        assertEquals(9, undos.stream().filter(s -> s == 400).count(), undos.toString());
        assertEquals(1, auditEvents(email, "EMAIL_CHANGE_UNDONE"));
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String link = Mailbox.newest(email, EmailSignInTests.CODE_SUBJECT).token(Paths.EMAIL_LOGIN_LINK);

        List<Integer> signIns = AtOnce.statuses(10, i -> Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", link)).status());

        assertEquals(1, signIns.stream().filter(s -> s == 200).count(), signIns.toString());
        assertEquals(1, Database.count("select count(*) from sessions s join users u on u.id = s.user_id"
                + " where u.email = ? and s.revoked_at is null", email), "the undo ended the first; one from the link");
    }

    @Test
    void aNewerChangeMakesTheOlderLinkUselessAndOtherTokensDoNotConfirm() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String first = Users.newEmail();
        String second = Users.newEmail();
        Api.post(Paths.EMAIL, token, json("email", first, "current_password", Users.PASSWORD));
        String firstLink = Mailbox.token(first, 1, Paths.EMAIL_CONFIRM_LINK);
        Api.post(Paths.EMAIL, token, json("email", second, "current_password", Users.PASSWORD));
        String secondLink = Mailbox.token(second, 1, Paths.EMAIL_CONFIRM_LINK);

        assertProblem(Api.post(Paths.EMAIL_CONFIRM, json("token", firstLink)), 400);
        assertProblem(Api.post(Paths.EMAIL_UNDO, json("token", secondLink)), 400);
        assertProblem(Api.post(Paths.EMAIL_CONFIRM, json("token", "")), 400);
        assertProblem(Api.post(Paths.EMAIL_CONFIRM, json()), 400);
        String verifyToken = Mailbox.token(email, 1, Paths.VERIFY_LINK);
        assertProblem(Api.post(Paths.EMAIL_CONFIRM, json("token", verifyToken)), 400);
        assertEquals(email, Users.me(token).getString("email"));
        assertEquals(200, Api.post(Paths.EMAIL_CONFIRM, json("token", secondLink)).status());
    }

    static long auditEvents(String email, String kind) {
        return Database.count("select count(*) from audit_events a join users u on u.id = a.user_id"
                + " where lower(u.email) = lower(?) and a.kind = ?", email, kind);
    }
}
