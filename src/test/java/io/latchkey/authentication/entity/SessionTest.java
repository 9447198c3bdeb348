package io.latchkey.authentication.entity;

import static io.latchkey.authentication.entity.Session.Presented.CURRENT;
import static io.latchkey.authentication.entity.Session.Presented.ENDED;
import static io.latchkey.authentication.entity.Session.Presented.JUST_ROTATED;
import static io.latchkey.authentication.entity.Session.Presented.REUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.runtime.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules of a session's refresh-token chain, driven by a clock. */
class SessionTest {

    static final Duration ABSOLUTE = Duration.ofDays(30);
    static final Duration REFRESH = Duration.ofDays(7);
    static final Duration REUSE = Duration.ofSeconds(10);
    static final Duration MICRO = Duration.ofNanos(1_000);

    final TestClock clock = new TestClock();
    final User user = User.register("Ada", EmailAddress.parse("ada@example.test").orElseThrow(), "hash", clock.instant());
    final Session session = Session.start(user, clock.instant(), ABSOLUTE, REFRESH, "agent", "192.0.2.1");

    @Test
    void rotationMovesTheChainOnAndSlidesTheRefreshLifetime() {
        assertEquals(CURRENT, judge(0));
        clock.advance(Duration.ofDays(1));
        session.rotate(clock.instant(), REFRESH);
        assertEquals(1, session.refreshGeneration());
        assertEquals(CURRENT, judge(1));
        assertEquals(clock.instant().plus(REFRESH), session.refreshExpiresAt(), "the refresh lifetime slides");
    }

    @Test
    void theTokenJustRotatedOutIsHonouredWithinTheReuseIntervalOnly() {
        session.rotate(clock.instant(), REFRESH);
        clock.advance(REUSE.minus(MICRO));
        assertEquals(JUST_ROTATED, judge(0), "a parallel tab, within the interval");
        clock.advance(MICRO);
        assertEquals(REUSED, judge(0), "the same token at the end of the interval is a copy");
    }

    @Test
    void anOlderTokenIsReuseAtOnce() {
        session.rotate(clock.instant(), REFRESH);
        session.rotate(clock.instant(), REFRESH);
        assertEquals(REUSED, judge(0), "two generations back, even within the interval");
        assertEquals(REUSED, judge(3), "a generation that never was");
    }

    @Test
    void noRotationOutlivesTheAbsoluteLifetime() {
        clock.advance(ABSOLUTE.minus(Duration.ofDays(1)));
        session.rotate(clock.instant(), REFRESH);
        assertEquals(session.refreshExpiresAt(), clock.instant().plus(Duration.ofDays(1)), "capped at the session's end");
        clock.advance(Duration.ofDays(1).minus(MICRO));
        assertEquals(CURRENT, judge(1));
        clock.advance(MICRO);
        assertEquals(ENDED, judge(1));
    }

    @Test
    void anUnusedRefreshTokenExpires() {
        clock.advance(REFRESH.minus(MICRO));
        assertEquals(CURRENT, judge(0));
        clock.advance(MICRO);
        assertEquals(ENDED, judge(0));
    }

    @Test
    void aRevokedSessionIsEnded() {
        session.revoke(clock.instant());
        assertEquals(ENDED, judge(0));
        assertFalse(session.isLive(clock.instant()));
    }

    @Test
    void aCredentialChangeEndsTheSessionUnlessItAdoptsTheNewCredentials() {
        Session other = Session.start(user, clock.instant(), ABSOLUTE, REFRESH, null, null);
        user.changePassword("new hash", clock.instant());
        assertEquals(ENDED, judge(0));
        session.adoptCredentials(user);
        assertEquals(CURRENT, judge(0), "the session that made the change lives on");
        assertFalse(other.isLive(clock.instant(), user));
        assertTrue(session.isLive(clock.instant(), user));
    }

    private Session.Presented judge(long generation) {
        return session.judge(generation, user, clock.instant(), REUSE);
    }

    @Test
    void aSessionKeepsHowAndWhenItsUserSignedIn() {
        assertEquals(java.util.List.of("pwd"), session.amr());
        assertEquals(clock.instant(), session.authTime());
        Session twoStep = Session.start(user, java.util.List.of(Session.PASSWORD, Session.ONE_TIME_CODE),
                clock.instant(), ABSOLUTE, REFRESH, null, null);
        java.time.Instant signedIn = clock.instant();
        clock.advance(Duration.ofHours(1));
        twoStep.rotate(clock.instant(), REFRESH);
        assertEquals(java.util.List.of("pwd", "otp"), twoStep.amr(), "a refresh keeps the methods");
        assertEquals(signedIn, twoStep.authTime(), "a refresh is no new sign-in");
    }
}
