package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.firstMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Password policy (issue 5, area 3), as registration, reset and change enforce it. */
abstract class PasswordPolicySecurityTests {

    @Test
    @DisplayName("ASVS 5.0 V6.2.1: at least 8 characters, counted as characters, not bytes")
    void minimumLength() {
        assertEquals("Password must be at least 8 characters long",
                firstMessage(assertInvalid(register(Users.newEmail(), "1234567x".substring(0, 7)), "password"), "password"));
        assertEquals(201, register(Users.newEmail(), "\u00e9t\u00e9 d\u00e9j\u00e0").status(), "8 characters, 12 bytes");
    }

    @Test
    @DisplayName("ASVS 5.0 V6.2.9: passwords of 64 characters and up to 128 are accepted; 129 are refused")
    void longPasswords() {
        assertEquals(201, register(Users.newEmail(), "p".repeat(64)).status());
        String longest = "p".repeat(127) + "\u00e9";
        String email = Users.newEmail();
        assertEquals(201, register(email, longest).status());
        Users.login(email, longest);
        assertInvalid(register(Users.newEmail(), "x".repeat(129)), "password");
    }

    @Test
    @DisplayName("ASVS 5.0 V6.2.4: the common-password list (30,000 entries) is enforced, whatever the case")
    void commonPasswords() {
        assertEquals("This password is too common; choose another",
                firstMessage(assertInvalid(register(Users.newEmail(), "Password1"), "password"), "password"));
        assertInvalid(register(Users.newEmail(), "iloveyou"), "password");
        assertInvalid(register(Users.newEmail(), "QWERTYUIOP"), "password");
    }

    @Test
    @DisplayName("ASVS 5.0 V6.2.5: no composition rules: lower-case letters alone, or any script, will do")
    void noCompositionRules() {
        assertEquals(201, register(Users.newEmail(), "correcthorsebatterystaple").status());
        assertEquals(201, register(Users.newEmail(), "\u043f\u0430\u0440\u043e\u043b\u044c\u0020\u0434\u043b\u0438\u043d\u043d\u044b\u0439").status());
        assertEquals(201, register(Users.newEmail(), "\ud83d\udd11\ud83d\udd12\ud83d\udd13\ud83d\udd10\ud83d\udd11\ud83d\udd12\ud83d\udd13\ud83d\udd10").status());
    }

    @Test
    @DisplayName("ASVS 5.0 V6.2.8: the password is verified exactly as typed: never trimmed, never truncated")
    void exactlyAsTyped() {
        String spaced = "  \ud83d\udd11 ma cl\u00e9  ";
        String email = Users.newEmail();
        assertEquals(201, register(email, spaced).status());
        Users.login(email, spaced);
        assertEquals(401, Api.post(Paths.LOGIN, json("email", email, "password", spaced.strip())).status(), "not trimmed");

        String hundred = "a".repeat(99) + "b";
        String other = Users.newEmail();
        assertEquals(201, register(other, hundred).status());
        assertEquals(401, Api.post(Paths.LOGIN, json("email", other, "password", "a".repeat(99) + "c")).status(),
                "no 72-byte truncation (bcrypt's) for Argon2id hashes");
    }

    @Test
    @DisplayName("ASVS 5.0 V6.2.3 / V6.2.4: the same rules apply to a reset and to a change of password")
    void sameRulesEverywhere() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        assertInvalid(Api.patch(Paths.CHANGE_PASSWORD, token, json("current_password", Users.PASSWORD,
                "password", "letmein1", "confirm_password", "letmein1")), "password");
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);
        assertInvalid(Api.patch(Paths.UPDATE, json("token", reset, "password", "short",
                "confirm_password", "short")), "password");
    }

    static Api.Reply register(String email, String password) {
        return Users.registration("Policy Tester", email, password);
    }
}
