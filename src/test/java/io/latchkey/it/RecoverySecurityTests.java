package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 28, findings 1 to 5: recovery wins. Someone who once got into an account (a phished password, a borrowed
 * laptop) keeps nothing after the owner recovers it: an undo of an address change, a password reset or "end other
 * sessions" (docs/SECURITY.md, "Recovery"). Each test plays the intruder's moves, then the owner's recovery, then
 * tries every way back in that the intruder held.
 */
abstract class RecoverySecurityTests {

    static final String CHANGED = EmailChangeTests.CHANGED_SUBJECT;
    static final String RESET = "Reset your password";

    /** The intruder, signed in with the owner's password, moves the account to an address of theirs. */
    static String moveTo(String token, String address) {
        Api.Reply asked = Api.post(Paths.EMAIL, token, json("email", address, "current_password", Users.PASSWORD));
        assertEquals(202, asked.status(), asked.text());
        Api.Reply confirmed = Api.post(Paths.EMAIL_CONFIRM, json("token",
                Mailbox.newest(address, EmailChangeTests.CONFIRM_SUBJECT).token(Paths.EMAIL_CONFIRM_LINK)));
        assertEquals(200, confirmed.status(), confirmed.text());
        return address;
    }

    static String undoLink(String address) {
        return Mailbox.newest(address, CHANGED).token(Paths.EMAIL_UNDO_LINK);
    }

    static String email(String userId) {
        return Database.value("select email from users where id = ?::uuid", userId).orElseThrow();
    }

    @Test
    @DisplayName("Issue 28.1: the owner's undo voids the intruder's own undo link, and the password the intruder knew")
    void theOwnersUndoVoidsTheIntrudersUndoLinkAndThePassword() {
        String owner = Users.newEmail();
        String userId = Users.register(owner).getString("id");
        String intruderToken = Users.login(owner, Users.PASSWORD).getString("token");
        String b = moveTo(intruderToken, Users.newEmail());
        String ownersUndo = undoLink(owner);
        String asB = Users.login(b, Users.PASSWORD).getString("token");
        String c = moveTo(asB, Users.newEmail());
        String intrudersUndo = undoLink(b);

        Api.Reply undone = Api.post(Paths.EMAIL_UNDO, json("token", ownersUndo));

        assertEquals(200, undone.status(), undone.text());
        assertEquals(owner, email(userId));
        assertProblem(Api.post(Paths.EMAIL_UNDO, json("token", intrudersUndo)), 400);
        assertEquals(owner, email(userId), "the intruder's undo link moved nothing");
        for (String address : new String[] {owner, b, c}) {
            assertProblem(Api.post(Paths.LOGIN, json("email", address, "password", Users.PASSWORD)), 401);
        }
        assertEquals(401, Api.get(Paths.ME, asB).status());
        // The owner sets a new password through the link mailed with the undo, and is the only one who can.
        String reset = Mailbox.newest(owner, RESET).token(Paths.RESET_LINK);
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", reset, "password", Users.OTHER_PASSWORD,
                "confirm_password", Users.OTHER_PASSWORD)).status());
        Users.login(owner, Users.OTHER_PASSWORD);
        Api.post(Paths.RESET, json("email", b));
        Api.post(Paths.RESET, json("email", c));
        Mailbox.sleep(java.time.Duration.ofSeconds(2));
        assertEquals(0, Mailbox.of(b).stream().filter(m -> m.subject().equals(RESET)).count(),
                "no reset link reaches the intruder's addresses");
    }

    @Test
    @DisplayName("Issue 28.2: the address an account left stays reserved to it while its undo link lives")
    void theOldAddressStaysReservedWhileItsUndoLinkLives() {
        String owner = Users.newEmail();
        String userId = Users.register(owner).getString("id");
        String intruderToken = Users.login(owner, Users.PASSWORD).getString("token");
        moveTo(intruderToken, Users.newEmail());
        String undo = undoLink(owner);

        Api.Reply squatted = Users.registration("Squatter", owner, Users.PASSWORD);
        Api.Reply squattedUpper = Users.registration("Squatter", owner.toUpperCase(), Users.PASSWORD);
        String other = Users.newUser();
        String otherToken = Users.login(other, Users.PASSWORD).getString("token");
        Api.Reply asked = Api.post(Paths.EMAIL, otherToken, json("email", owner, "current_password", Users.PASSWORD));

        Problems.assertInvalid(squatted, "email");
        Problems.assertInvalid(squattedUpper, "email");
        assertEquals(202, asked.status(), "answered as any address");
        Mailbox.sleep(java.time.Duration.ofSeconds(2));   // the relay would have sent a link by now
        assertEquals(0, Mailbox.of(owner).stream()
                .filter(m -> m.subject().equals(EmailChangeTests.CONFIRM_SUBJECT)).count(), "no link to it");
        assertEquals(0, Database.count("select count(*) from users where lower(email) = lower(?)", owner),
                "no account took it");
        Api.Reply undone = Api.post(Paths.EMAIL_UNDO, json("token", undo));
        assertEquals(200, undone.status(), undone.text());
        assertEquals(owner, email(userId));
    }

    @Test
    @DisplayName("Issue 28.3: a pending address change dies with a password change, a reset and 'end other sessions'")
    void aPendingAddressChangeDiesWithEveryRecovery() {
        for (String recovery : new String[] {"change", "reset", "end-others"}) {
            String owner = Users.newEmail();
            String userId = Users.register(owner).getString("id");
            String ownersToken = Users.login(owner, Users.PASSWORD).getString("token");
            String intruderToken = Users.login(owner, Users.PASSWORD).getString("token");
            String b = Users.newEmail();
            assertEquals(202, Api.post(Paths.EMAIL, intruderToken, json("email", b, "current_password",
                    Users.PASSWORD)).status());
            String link = Mailbox.newest(b, EmailChangeTests.CONFIRM_SUBJECT).token(Paths.EMAIL_CONFIRM_LINK);

            switch (recovery) {
                case "change" -> assertEquals(200, Api.patch(Paths.CHANGE_PASSWORD, ownersToken, json(
                        "current_password", Users.PASSWORD, "password", Users.OTHER_PASSWORD,
                        "confirm_password", Users.OTHER_PASSWORD)).status());
                case "reset" -> {
                    Api.post(Paths.RESET, json("email", owner));
                    assertEquals(200, Api.patch(Paths.UPDATE, json("token", Mailbox.newest(owner, RESET)
                            .token(Paths.RESET_LINK), "password", Users.OTHER_PASSWORD, "confirm_password",
                            Users.OTHER_PASSWORD)).status());
                }
                default -> assertEquals(200, Api.delete(Paths.SESSIONS, ownersToken).status());
            }

            assertProblem(Api.post(Paths.EMAIL_CONFIRM, json("token", link)), 400);
            assertEquals(owner, email(userId), recovery);
            assertEquals(0, Database.count("select count(*) from users where id = ?::uuid and pending_email is not null",
                    userId), recovery);
            assertEquals(401, Api.get(Paths.ME, intruderToken).status(), recovery);
        }
    }

    @Test
    @DisplayName("Issue 28.4: signing in by emailed code to an address someone else registered removes their password"
            + " and factors")
    void anEmailedSignInToAPreRegisteredAddressRemovesTheRegistrantsCredentials() {
        String victim = Users.newEmail();
        String userId = Users.register(victim).getString("id");   // by the attacker, with the attacker's password
        String attackersToken = Users.login(victim, Users.PASSWORD).getString("token");
        JsonObject options = Api.post(PasskeyTests.OPTIONS, attackersToken, json()).json();
        SoftwareAuthenticator attackersKey = new SoftwareAuthenticator(1);
        assertEquals(201, PasskeyTests.postJson(PasskeyTests.REGISTER, attackersToken,
                attackersKey.register(options, Api.BASE, PasskeyTests.RP_ID)).status());

        Api.post(Paths.LOGIN_EMAIL, json("email", victim));
        Mailbox.Received code = Mailbox.newest(victim, EmailSignInTests.CODE_SUBJECT);
        java.util.regex.Matcher digits = EmailSignInTests.CODE.matcher(code.text());
        assertTrue(digits.find(), code.text());
        Api.Reply signedIn = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", victim, "code", digits.group(1)));

        assertEquals(200, signedIn.status(), signedIn.text());
        assertTrue(signedIn.json().containsKey("token"), "signed in, no second step the attacker set up");
        assertProblem(Api.post(Paths.LOGIN, json("email", victim, "password", Users.PASSWORD)), 401);
        assertEquals(0, Database.count("select count(*) from passkeys where user_id = ?::uuid", userId));
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid and password_hash is not null",
                userId));
        assertEquals(401, Api.get(Paths.ME, attackersToken).status());
        String challenge = PasskeyTests.signInChallenge();
        assertEquals(401, PasskeyTests.postJson(PasskeyTests.SIGN_IN, null, attackersKey.assertion(challenge,
                Api.BASE, PasskeyTests.RP_ID, options.getJsonObject("user").getString("id"), PasskeyTests.UP_UV, 5))
                .status(), "the attacker's passkey is gone");
    }

    @Test
    @DisplayName("Issue 28.5: a reset removes a passkey and an app added lately, and a sign-in by emailed code cannot"
            + " add either")
    void aResetRemovesWhatAnIntruderAddedAndAMailedSignInCannotAddAFactor() throws Exception {
        String owner = Users.newEmail();
        String userId = Users.register(owner).getString("id");
        assertEquals(200, Api.patch(Paths.VERIFY, json("token", Mailbox.token(owner, 1, Paths.VERIFY_LINK))).status());
        String intruderToken = Users.login(owner, Users.PASSWORD).getString("token");
        JsonObject options = Api.post(PasskeyTests.OPTIONS, intruderToken, json()).json();
        SoftwareAuthenticator intrudersKey = new SoftwareAuthenticator(1);
        assertEquals(201, PasskeyTests.postJson(PasskeyTests.REGISTER, intruderToken,
                intrudersKey.register(options, Api.BASE, PasskeyTests.RP_ID)).status());
        Authenticator.awaitStepWithAtLeast(10);
        Api.Reply started = Api.post(Paths.MFA_TOTP, intruderToken, json());
        assertEquals(200, started.status(), started.text());
        Authenticator intrudersApp = new Authenticator(started.json().getString("secret"));
        assertEquals(200, Api.post(Paths.MFA_CONFIRM, intruderToken, json("code", intrudersApp.code())).status());

        Api.post(Paths.RESET, json("email", owner));
        Api.Reply reset = Api.patch(Paths.UPDATE, json("token", Mailbox.newest(owner, RESET).token(Paths.RESET_LINK),
                "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD));

        assertEquals(200, reset.status(), reset.text());
        Api.Reply ownersLogin = Api.post(Paths.LOGIN, json("email", owner, "password", Users.OTHER_PASSWORD));
        assertEquals(200, ownersLogin.status(), ownersLogin.text());
        assertTrue(ownersLogin.json().containsKey("token"), "the intruder's app asks for no code: it is gone");
        assertEquals(0, Database.count("select count(*) from passkeys where user_id = ?::uuid", userId));
        assertEquals(0, Database.count("select count(*) from totp_factors where user_id = ?::uuid", userId));
        assertEquals(0, Database.count("select count(*) from recovery_codes where user_id = ?::uuid", userId));
        String challenge = PasskeyTests.signInChallenge();
        assertEquals(401, PasskeyTests.postJson(PasskeyTests.SIGN_IN, null, intrudersKey.assertion(challenge,
                Api.BASE, PasskeyTests.RP_ID, options.getJsonObject("user").getString("id"), PasskeyTests.UP_UV, 5))
                .status());
        Mailbox.newest(owner, "A passkey was removed");

        // A sign-in that proved only the mailbox is no licence to add a way in.
        Api.post(Paths.LOGIN_EMAIL, json("email", owner));
        Mailbox.Received code = Mailbox.newest(owner, EmailSignInTests.CODE_SUBJECT);
        java.util.regex.Matcher digits = EmailSignInTests.CODE.matcher(code.text());
        assertTrue(digits.find(), code.text());
        String byMail = Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", owner, "code", digits.group(1))).json()
                .getString("token");
        assertEquals(SecondFactorTests.STEP_UP, assertProblem(Api.post(Paths.MFA_TOTP, byMail, json()), 401)
                .getString("type"));
        assertEquals(SecondFactorTests.STEP_UP, assertProblem(Api.post(PasskeyTests.OPTIONS, byMail, json()), 401)
                .getString("type"));
        String byPassword = ownersLogin.json().getString("token");
        assertEquals(200, Api.post(Paths.MFA_TOTP, byPassword, json()).status(), "a password sign-in may");
    }

    @Test
    @DisplayName("Issue 28.5: an authenticator app turned on before the recovery window is kept by a reset")
    void aResetKeepsTheOwnersOlderFactor() {
        SecondFactorTests.Enrolled owner = SecondFactorTests.enrolled();
        Database.update("update totp_factors set confirmed_at = now() - interval '8 days' where user_id = ?::uuid",
                owner.userId());

        Api.post(Paths.RESET, json("email", owner.email()));
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", Mailbox.newest(owner.email(), RESET)
                .token(Paths.RESET_LINK), "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD))
                .status());

        SecondFactorTests.passwordStep(owner.email(), Users.OTHER_PASSWORD);   // still asks for the code
        assertEquals(1, Database.count("select count(*) from totp_factors where user_id = ?::uuid", owner.userId()));
    }
}
