package io.latchkey.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules an admin's actions rely on: disabling, its end, and the credentials it changes. */
class UserTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static User user() {
        return User.register("Ada", EmailAddress.parse("ada@example.com").orElseThrow(), "hash", NOW);
    }

    @Test
    void aDisabledAccountIsDisabledUntilItsEndAndItsSessionsAreOver() {
        User user = user();
        long before = user.credentialVersion();

        user.disable("stolen laptop", NOW.plus(Duration.ofDays(1)), NOW);

        assertTrue(user.isDisabled(NOW));
        assertTrue(user.isDisabled(NOW.plus(Duration.ofHours(23))));
        assertFalse(user.isDisabled(NOW.plus(Duration.ofDays(1))), "the end given is the end");
        assertEquals(before + 1, user.credentialVersion(), "every session signed in before is over");
        assertEquals(new User.Disabled(NOW, "stolen laptop", NOW.plus(Duration.ofDays(1))),
                user.disabled(NOW).orElseThrow());
        assertTrue(user.disabled(NOW.plus(Duration.ofDays(2))).isEmpty());
    }

    @Test
    void disabledWithoutAnEndStaysSoUntilEnabled() {
        User user = user();
        user.disable(null, null, NOW);

        assertTrue(user.isDisabled(NOW.plus(Duration.ofDays(3650))));
        user.enable(NOW.plus(Duration.ofMinutes(1)));
        assertFalse(user.isDisabled(NOW.plus(Duration.ofMinutes(1))));
        assertTrue(user.disabled(NOW).isEmpty());
    }

    @Test
    void disablingAgainKeepsWhenItBeganAndTakesTheNewReasonAndEnd() {
        User user = user();
        user.disable("first", null, NOW);
        user.disable("second", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1)));

        User.Disabled disabled = user.disabled(NOW.plus(Duration.ofHours(2))).orElseThrow();
        assertEquals(NOW, disabled.at());
        assertEquals("second", disabled.reason());
    }

    @Test
    void aGrantIsKeptFromItsFirstDayAndARevocationEndsIt() {
        User user = user();
        assertFalse(user.isGrantedAdmin());
        user.grantAdmin(NOW);
        user.grantAdmin(NOW.plus(Duration.ofDays(1)));
        assertTrue(user.isGrantedAdmin());
        user.revokeAdmin(NOW.plus(Duration.ofDays(2)));
        assertFalse(user.isGrantedAdmin());
    }

    @Test
    void aSignInIsRemembered() {
        User user = user();
        assertTrue(user.lastSignInAt().isEmpty());
        user.signedIn(NOW);
        assertEquals(NOW, user.lastSignInAt().orElseThrow());
    }
}
