package io.latchkey.it;

import static io.latchkey.it.Api.json;
import static io.latchkey.it.Problems.assertInvalid;
import static io.latchkey.it.Problems.assertProblem;
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
 * Issue 19: the account's life after registration. Change of address (confirmed from the new mailbox, undone from
 * the old), sign-in by emailed code, links that a mail scanner cannot spend, deletion, export, profile, new-device
 * notices and mails in the user's language. Each flow with its abuse: replay, concurrency, enumeration.
 */
abstract class AccountLifecycleTests {

    static final String CONFIRM_SUBJECT = "Confirm your new email address";
    static final String CHANGED_SUBJECT = "The email address of your account was changed";
    static final String TAKEN_SUBJECT = "Someone tried to use your email address";
    static final String CODE_SUBJECT = "Your sign-in code";
    static final String NEW_DEVICE_SUBJECT = "A new sign-in to your account";
    static final Pattern CODE = Pattern.compile("Your code to sign in is (\\d{6})\\.");

    // --- change of email -------------------------------------------------------------------------------------

    @Test
    void anEmailChangeWaitsForTheNewAddressThenTheOldOneCanUndoItAndEndEverySession() {
        String old = Users.newUser();
        Api.Reply login = RefreshCookies.login(old);
        String token = login.json().getString("token");
        String cookie = RefreshCookies.of(login).value();
        String fresh = Users.newEmail();

        Api.Reply asked = Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD));

        assertEquals(202, asked.status(), asked.text());
        assertEquals(fresh, me(token).getString("pending_email"));
        assertEquals(old, me(token).getString("email"));
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
        assertTrue(Problems.isNull(me(token), "pending_email"));
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
        assertEquals(owner, me(token).getString("pending_email"), "pending, as any address would be");
        Mailbox.Received told = Mailbox.titled(owner, 2, TAKEN_SUBJECT);
        assertFalse(told.text().contains("token="), "no link that could move the account: " + told.text());
        assertFalse(told.text().contains(asker), "the owner is not told who asked");
        Mailbox.assertNoMore(owner, 2);
        assertEquals(asker, me(token).getString("email"));
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

        assertTrue(Problems.isNull(me(token), "pending_email"));
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
        String link = Mailbox.newest(email, CODE_SUBJECT).token(Paths.EMAIL_LOGIN_LINK);

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
        assertEquals(email, me(token).getString("email"));
        assertEquals(200, Api.post(Paths.EMAIL_CONFIRM, json("token", secondLink)).status());
    }

    // --- sign-in by emailed code -----------------------------------------------------------------------------

    @Test
    void anEmailedCodeSignsInOnceAndAnsweresTheSameForEveryAddress() throws Exception {
        String email = Users.newUser();
        String unknown = Users.newEmail();

        Api.Reply known = Api.post(Paths.LOGIN_EMAIL, json("email", email));
        Api.Reply nobody = Api.post(Paths.LOGIN_EMAIL, json("email", unknown));

        assertEquals(202, known.status(), known.text());
        assertEquals(known.text(), nobody.text());
        assertEquals(Api.headersButDate(known), Api.headersButDate(nobody));
        Mailbox.Received mail = Mailbox.titled(email, 2, CODE_SUBJECT);
        String code = code(mail);
        assertTrue(mail.token(Paths.EMAIL_LOGIN_LINK).startsWith("lke_"));
        Mailbox.assertNoMore(unknown, 0);

        Api.Reply signedIn = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", code));

        assertEquals(200, signedIn.status(), signedIn.text());
        assertEquals(List.of("otp"), SecondFactorTests.claims(signedIn.json().getString("token")).getStringListClaim("amr"));
        assertTrue(RefreshCookies.of(signedIn).attributes().containsKey("httponly"), "signed in as a login is");
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", code)), 401);
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", unknown, "code", code)), 401);
    }

    @Test
    void onlyTheNewestCodeWorksAndWrongCodesSpendIt() {
        String email = Users.newUser();
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String older = code(Mailbox.titled(email, 2, CODE_SUBJECT));
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String newer = code(Mailbox.last(email, 3));
        String newerLink = Mailbox.last(email, 3).token(Paths.EMAIL_LOGIN_LINK);

        int wrongs = 0;
        if (!older.equals(newer)) {
            assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", older)), 401);
            wrongs++;
        }
        String wrong = newer.equals("000000") ? "000001" : "000000";
        for (; wrongs < 5; wrongs++) {
            assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", wrong)), 401);
        }
        assertEquals(0, Database.count("select count(*) from action_tokens t join users u on u.id = t.user_id"
                + " where u.email = ? and t.kind = 'EMAIL_LOGIN' and t.used_at is null", email));
        assertNotEquals(200, Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", newer)).status());
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", newerLink)), 401);
        assertEquals(0, Database.count("select count(*) from sessions s join users u on u.id = s.user_id"
                + " where u.email = ?", email), "five wrong codes spent the code and its link");
    }

    @Test
    void tenSignInsWithOneCodeAtOnceMakeOneSession() throws Exception {
        String email = Users.newUser();
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String code = code(Mailbox.titled(email, 2, CODE_SUBJECT));

        List<Integer> statuses = AtOnce.statuses(10,
                i -> Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", code)).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, Database.count("select count(*) from sessions s join users u on u.id = s.user_id"
                + " where u.email = ?", email));
    }

    @Test
    void tenWrongCodesAtOnceEachCountAndSpendTheCode() throws Exception {
        String email = Users.newUser();
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String code = code(Mailbox.titled(email, 2, CODE_SUBJECT));
        String wrong = code.equals("000000") ? "000001" : "000000";

        List<Integer> statuses = AtOnce.statuses(10,
                i -> Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", wrong)).status());

        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        assertEquals("5", Database.value("select t.attempts || '' from action_tokens t join users u on u.id = t.user_id"
                + " where u.email = ? and t.kind = 'EMAIL_LOGIN' and t.used_at is not null", email).orElseThrow(),
                "no try lost to another, none counted past the fifth");
        Api.actAs(Api.freshClientAddress());
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", code)), 401);
    }

    @Test
    void theLinkSignsInAnUnverifiedAccountVerifiesItAndASecondFactorStillApplies() {
        // (An unverified account's factor goes with that first verification: issue 28, RecoverySecurityTests.)
        String email = Users.newUser();
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String link = Mailbox.titled(email, 2, CODE_SUBJECT).token(Paths.EMAIL_LOGIN_LINK);

        Api.Reply signedIn = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", link));

        assertEquals(200, signedIn.status(), signedIn.text());
        assertFalse(Problems.isNull(signedIn.json().getJsonObject("user"), "email_verified_at"), signedIn.text());
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", link)), 401);
        assertInvalid(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", link, "code", "123456")), "code");

        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        assertEquals(200, Api.patch(Paths.VERIFY, json("token", Mailbox.newest(enrolled.email(),
                "Verify your email address").token(Paths.VERIFY_LINK))).status());
        Api.post(Paths.LOGIN_EMAIL, json("email", enrolled.email()));
        String code = code(Mailbox.newest(enrolled.email(), CODE_SUBJECT));
        Api.Reply firstStep = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", enrolled.email(), "code", code));
        assertEquals(200, firstStep.status(), firstStep.text());
        assertTrue(firstStep.json().getBoolean("mfa_required"), firstStep.text());
        assertFalse(firstStep.json().containsKey("token"));
        Api.Reply second = SecondFactorTests.secondStep(firstStep.json().getString("mfa_token"), enrolled.app().code());
        assertEquals(200, second.status(), second.text());
    }

    @Test
    void wrongEmailCodesAreThrottledPerAccountAndAddressAsWrongPasswordsAreForKnownAndUnknownAccounts() {
        String email = Users.newUser();
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String code = code(Mailbox.titled(email, 2, CODE_SUBJECT));
        String wrong = code.equals("000000") ? "000001" : "000000";
        List<List<String>> answers = new ArrayList<>();
        for (String address : List.of(email, Users.newEmail())) {
            Api.actAs(Api.freshClientAddress());
            List<Integer> statuses = new ArrayList<>();
            List<String> details = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Api.Reply reply = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", address, "code", wrong));
                statuses.add(reply.status());
                details.add(reply.status() + " " + reply.json().getString("detail"));
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), statuses, address);
            answers.add(details);
        }
        assertEquals(answers.get(0), answers.get(1), "a known and an unknown address are refused alike");
        Api.actAs(Api.freshClientAddress());
        assertProblem(Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", code)), 401); // spent by 5 wrong
    }

    // --- links a mail scanner cannot spend -------------------------------------------------------------------

    @Test
    void openingAMailedLinkWithGetOrHeadChangesNothing() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String verify = Mailbox.token(email, 1, Paths.VERIFY_LINK);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String signIn = Mailbox.token(email, 3, Paths.EMAIL_LOGIN_LINK);
        String fresh = Users.newEmail();
        Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD));
        String confirm = Mailbox.token(fresh, 1, Paths.EMAIL_CONFIRM_LINK);
        Map<String, String> links = Map.of(Paths.VERIFY_LINK, verify, Paths.RESET_LINK, reset,
                Paths.EMAIL_LOGIN_LINK, signIn, Paths.EMAIL_CONFIRM_LINK, confirm);
        String before = state(email);

        for (Map.Entry<String, String> link : links.entrySet()) {
            for (String method : List.of("GET", "HEAD")) {
                Api.Reply opened = Api.send(Api.request(link.getKey() + "?token=" + link.getValue())
                        .method(method, HttpRequest.BodyPublishers.noBody()));
                assertEquals(200, opened.status(), method + " " + link.getKey());
                assertTrue(opened.contentType().startsWith("text/html"), opened.contentType());
            }
        }

        assertEquals(before, state(email), "nothing spent, verified, changed or signed in");
        assertEquals(200, Api.patch(Paths.VERIFY, json("token", verify)).status());
        assertEquals(200, Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", signIn)).status());
        assertEquals(200, Api.post(Paths.EMAIL_CONFIRM, json("token", confirm)).status());
        String undo = Mailbox.newest(email, CHANGED_SUBJECT).token(Paths.EMAIL_UNDO_LINK);
        for (String method : List.of("GET", "HEAD")) {
            assertEquals(200, Api.send(Api.request(Paths.EMAIL_UNDO_LINK + "?token=" + undo)
                    .method(method, HttpRequest.BodyPublishers.noBody())).status());
        }
        assertEquals(fresh, Database.value("select email from users where lower(email) = lower(?)", fresh).orElseThrow());
        assertEquals(200, Api.post(Paths.EMAIL_UNDO, json("token", undo)).status());
        // The reset link was mailed to the old address; the undo mailed a newer one, the only one that works now.
        assertEquals(400, Api.patch(Paths.UPDATE, json("token", reset, "password", "a new long pass phrase",
                "confirm_password", "a new long pass phrase")).status());
        String newest = Mailbox.nth(email, "Reset your password", 2).token(Paths.RESET_LINK);
        for (String method : List.of("GET", "HEAD")) {
            assertEquals(200, Api.send(Api.request(Paths.RESET_LINK + "?token=" + newest)
                    .method(method, HttpRequest.BodyPublishers.noBody())).status());
        }
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", newest, "password", "a new long pass phrase",
                "confirm_password", "a new long pass phrase")).status());
    }

    /** What spending any mailed link would change: the account, its tokens, its sessions. */
    private static String state(String email) {
        return Database.value("select u.email || '|' || coalesce(u.email_verified_at::text, '-') || '|' || u.password_hash"
                + " || '|' || (select count(*) from sessions s where s.user_id = u.id)"
                + " || '|' || (select count(*) from action_tokens t where t.user_id = u.id and t.used_at is not null)"
                + " from users u where u.email = ?", email).orElseThrow();
    }

    // --- profile, language, devices --------------------------------------------------------------------------

    @Test
    void theProfileChangesItsNameLanguageAndNoticeAndRefusesBadValuesWithoutChangingAnything() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        JsonObject before = me(token);
        assertEquals("en", before.getString("locale"));
        assertTrue(before.getBoolean("new_device_notice"));

        assertInvalid(Api.patch(Paths.ME, token, json("name", "")), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "x".repeat(101))), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "Ada\u0007")), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "Ada", "locale", "xx")), "locale");
        assertInvalid(Api.patch(Paths.ME, token, json("new_device_notice", "no")), "new_device_notice");
        assertInvalid(Api.patch(Paths.ME, token, json("nickname", "Ada")), "name");
        assertEquals(before, me(token));
        assertProblem(Api.patch(Paths.ME, json("name", "Ada")), 401);

        Api.Reply changed = Api.send(Api.request(Paths.ME).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"  Ada Lovelace \",\"locale\":\"de\",\"new_device_notice\":false}")));

        assertEquals(200, changed.status(), changed.text());
        JsonObject user = changed.json().getJsonObject("user");
        assertEquals("Ada Lovelace", user.getString("name"));
        assertEquals("de", user.getString("locale"));
        assertFalse(user.getBoolean("new_device_notice"));
        assertEquals(user, me(token));
    }

    @Test
    void aGermanBrowserGetsGermanMailsUntilTheUserChoosesEnglish() {
        String email = Users.newEmail();
        Api.Reply registered = Api.send(Api.request(Paths.REGISTER).header("Content-Type", "application/json")
                .header("Accept-Language", "de-AT, de;q=0.9, en;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(json("name", "Grete", "email", email, "password",
                        Users.PASSWORD, "confirm_password", Users.PASSWORD).build().toString())));
        assertEquals(201, registered.status(), registered.text());
        Mailbox.Received verification = Mailbox.last(email, 1);
        assertEquals("Bestätigen Sie Ihre E-Mail-Adresse", verification.subject());
        assertTrue(verification.text().startsWith("Hallo Grete,"), verification.text());
        assertTrue(verification.html().contains("<html lang=\"de\">"));
        String token = Users.login(email, Users.PASSWORD).getString("token");
        assertEquals("de", me(token).getString("locale"));

        assertEquals(200, Api.patch(Paths.ME, token, json("locale", "en")).status());
        Api.post(Paths.RESET, json("email", email));

        assertEquals("Reset your password", Mailbox.last(email, 2).subject());
    }

    @Test
    void aSignInFromANewDeviceOrAddressIsToldOnceAndOnlyToThoseWhoWantIt() {
        String email = Users.newUser();
        Users.login(email, Users.PASSWORD);
        Users.login(email, Users.PASSWORD);
        Mailbox.assertNoMore(email, 1); // the first sign-in, and again from the same place: nothing new

        String elsewhere = "2001:db8:19::" + Integer.toHexString((int) (Math.random() * 0xffff));
        Api.actAs(elsewhere);
        String firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Content-Type", "application/json")
                .header("User-Agent", firefox).POST(HttpRequest.BodyPublishers.ofString(
                        json("email", email, "password", Users.PASSWORD).build().toString()))).status());

        Mailbox.Received notice = Mailbox.titled(email, 2, NEW_DEVICE_SUBJECT);
        assertTrue(notice.text().contains("Device: Firefox on Windows"), notice.text());
        assertTrue(notice.text().contains("Address: " + elsewhere), notice.text());
        assertTrue(notice.text().contains(Api.BASE + "/#/account"), notice.text());
        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Content-Type", "application/json")
                .header("User-Agent", firefox).POST(HttpRequest.BodyPublishers.ofString(
                        json("email", email, "password", Users.PASSWORD).build().toString()))).status());
        Mailbox.assertNoMore(email, 2);

        String token = Users.login(email, Users.PASSWORD).getString("token");
        Mailbox.assertNoMore(email, 2); // this client and this address are both known by now
        JsonObject sessions = Api.get(Paths.SESSIONS, token).json();
        assertTrue(sessions.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> s.getString("device").equals("Firefox on Windows")), sessions.toString());
        Api.Reply off = Api.send(Api.request(Paths.ME).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"new_device_notice\":false}")));
        assertEquals(200, off.status(), off.text());
        Api.actAs(Api.freshClientAddress());
        Users.login(email, Users.PASSWORD);
        Mailbox.assertNoMore(email, 2);
    }

    // --- deletion and export ---------------------------------------------------------------------------------

    @Test
    void deletionRemovesWhatItSaysKeepsAnonymousAuditEventsAndFreesTheAddress() {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        String email = enrolled.email();
        String userId = enrolled.userId();
        Api.post(Paths.RESET, json("email", email));
        Mailbox.token(email, 3, Paths.RESET_LINK);
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        Mailbox.titled(email, 4, CODE_SUBJECT);
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
        Mailbox.titled(email, 3, CODE_SUBJECT);
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

    private static JsonObject me(String token) {
        Api.Reply reply = Api.get(Paths.ME, token);
        assertEquals(200, reply.status(), reply.text());
        return reply.json().getJsonObject("user");
    }

    private static String code(Mailbox.Received mail) {
        Matcher code = CODE.matcher(mail.text());
        assertTrue(code.find(), mail.text());
        return code.group(1);
    }

    private static long auditEvents(String email, String kind) {
        return Database.count("select count(*) from audit_events a join users u on u.id = a.user_id"
                + " where lower(u.email) = lower(?) and a.kind = ?", email, kind);
    }
}
