package io.latchkey.authentication.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import io.latchkey.runtime.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a kept session answers, and everything that makes it read again. */
class LiveCallersTest {

    final TestClock clock = new TestClock();
    final User user = User.register("Ada", EmailAddress.parse("ada@example.test").orElseThrow(), "hash", clock.instant());
    final Session session = Session.start(user, clock.instant(), Duration.ofDays(30), Duration.ofDays(7), null, null);
    final LiveCallers callers = new LiveCallers(2);

    @BeforeEach
    void hearing() {
        callers.listening();
    }

    @Test
    void aSessionReadLiveIsAnsweredWithItsUser() {
        callers.keep(callers.generation(), session, user, clock.instant());

        assertSame(user, callers.find(session.id(), user.id(), clock.instant()).orElseThrow());
        assertTrue(callers.find(session.id(), UUID.randomUUID(), clock.instant()).isEmpty(), "another user's token");
        assertTrue(callers.find(UUID.randomUUID(), user.id(), clock.instant()).isEmpty(), "another session");
    }

    @Test
    void aReadDuringWhichAChangeWasHeardIsNotKept() {
        long before = callers.generation();
        callers.forget(UUID.randomUUID());

        callers.keep(before, session, user, clock.instant());

        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty());
    }

    @Test
    void aChangeOfTheUserOrOfEveryoneIsForgotten() {
        callers.keep(callers.generation(), session, user, clock.instant());
        callers.forget(user.id());
        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty());

        callers.keep(callers.generation(), session, user, clock.instant());
        callers.forgetAll();
        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty());
    }

    @Test
    void nothingIsKeptOrFoundWhileChangesMayGoUnheard() {
        callers.keep(callers.generation(), session, user, clock.instant());
        callers.deaf();

        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty());
        callers.keep(callers.generation(), session, user, clock.instant());
        assertEquals(0, callers.size());
    }

    @Test
    void aSessionEndedByTheClockOrRevokedIsReadAgain() {
        callers.keep(callers.generation(), session, user, clock.instant());
        clock.advance(Duration.ofDays(8));
        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty(), "refresh lifetime over");

        Session revoked = Session.start(user, clock.instant(), Duration.ofDays(30), Duration.ofDays(7), null, null);
        revoked.revoke(clock.instant());
        callers.keep(callers.generation(), revoked, user, clock.instant());
        assertTrue(callers.find(revoked.id(), user.id(), clock.instant()).isEmpty(), "not kept: not live");
    }

    @Test
    void nothingIsKeptLongerThanTheHold() {
        callers.keep(callers.generation(), session, user, clock.instant());
        clock.advance(LiveCallers.HOLD.minusSeconds(1));
        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(callers.find(session.id(), user.id(), clock.instant()).isEmpty());
    }

    @Test
    void whenFullAllAreDroppedAndReadAgain() {
        for (int i = 0; i < 3; i++) {
            User other = User.register("U" + i, EmailAddress.parse("u" + i + "@example.test").orElseThrow(), "hash",
                    clock.instant());
            callers.keep(callers.generation(), Session.start(other, clock.instant(), Duration.ofDays(30),
                    Duration.ofDays(7), null, null), other, clock.instant());
        }

        assertEquals(1, callers.size());
    }
}
