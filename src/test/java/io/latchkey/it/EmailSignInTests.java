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

/** Sign-in by emailed code or link: once, newest only, throttled, the same answer for every address. */
abstract class EmailSignInTests {

    static final String CODE_SUBJECT = "Your sign-in code";
    static final Pattern CODE = Pattern.compile("Your code to sign in is (\\d{6})\\.");

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

    static String code(Mailbox.Received mail) {
        Matcher code = CODE.matcher(mail.text());
        assertTrue(code.find(), mail.text());
        return code.group(1);
    }
}
