package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that keeps a session it read live hears of its ending through PostgreSQL's NOTIFY, a few milliseconds
 * after the commit on another instance: its refusal is awaited, for at most a second (the contract's bound).
 */
public final class Revocations {

    private Revocations() {
    }

    /** The token, after the instance at {@code base} has read its session live twice (so keeps it). */
    public static String keptBy(String base, String token) {
        // The sign-in's own change of the user is heard a moment after its answer; what is read after that is kept.
        Mailbox.sleep(java.time.Duration.ofMillis(200));
        assertEquals(200, Api.get(base + Paths.ME, token).status());
        assertEquals(200, Api.get(base + Paths.ME, token).status());
        return token;
    }

    /** Seconds from {@code since} (System.nanoTime) to the first 401 of this URL for this token; fails past 1 s. */
    public static double secondsUntilRefused(String url, String token, long since) {
        Api.Reply reply = Api.get(url, token);
        while (reply.status() != 401) {
            assertEquals(200, reply.status(), reply.text());
            assertTrue(System.nanoTime() - since < 1_000_000_000L, "still accepted a second after the ending: " + url);
            Mailbox.sleep(java.time.Duration.ofMillis(5));
            reply = Api.get(url, token);
        }
        Problems.assertProblem(reply, 401);
        return (System.nanoTime() - since) / 1e9;
    }
}
