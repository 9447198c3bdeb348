package io.latchkey.authentication.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private static final long EXPIRY = NOW.getEpochSecond() + 900;
    private final Principal caller = () -> "someone";
    private final VerifiedTokens tokens = new VerifiedTokens(3);

    @Test
    void aRememberedTokenIsFoundWithWhatItsVerificationTold() {
        String[] groups = {"user"};
        tokens.remember("a.b.c", caller, groups, EXPIRY, 1, NOW);
        groups[0] = "admin";

        VerifiedTokens.Verified verified = tokens.find("a.b.c", NOW, 1).orElseThrow();

        assertSame(caller, verified.caller());
        assertArrayEquals(new String[] {"user"}, verified.groups());
    }

    @Test
    void onlyTheExactTextIsFound() {
        tokens.remember("a.b.c", caller, null, EXPIRY, 1, NOW);

        assertTrue(tokens.find("a.b.C", NOW, 1).isEmpty());
        assertTrue(tokens.find("a.b.c ", NOW, 1).isEmpty());
        assertNull(tokens.find("a.b.c", NOW, 1).orElseThrow().groups());
    }

    @Test
    void notFoundFromItsExpiryOnWithoutLeeway() {
        tokens.remember("a.b.c", caller, null, EXPIRY, 1, NOW);

        assertTrue(tokens.find("a.b.c", Instant.ofEpochSecond(EXPIRY - 1), 1).isPresent());
        assertTrue(tokens.find("a.b.c", Instant.ofEpochSecond(EXPIRY), 1).isEmpty());
        assertEquals(0, tokens.size(), "an expired token is dropped when asked for");
    }

    @Test
    void notFoundUnderAnotherKeySet() {
        tokens.remember("a.b.c", caller, null, EXPIRY, 1, NOW);

        assertTrue(tokens.find("a.b.c", NOW, 2).isEmpty());
        assertTrue(tokens.find("a.b.c", NOW, 1).isEmpty(), "a verification under a retired key set is gone");
    }

    @Test
    void whenFullTheExpiredAndSupersededGoFirstThenAll() {
        tokens.remember("expired", caller, null, NOW.getEpochSecond() + 1, 1, NOW);
        tokens.remember("old-keys", caller, null, EXPIRY, 0, NOW);
        tokens.remember("live", caller, null, EXPIRY, 1, NOW);
        Instant later = NOW.plusSeconds(2);

        tokens.remember("new", caller, null, EXPIRY, 1, later);

        assertEquals(2, tokens.size());
        assertTrue(tokens.find("live", later, 1).isPresent());
        assertTrue(tokens.find("new", later, 1).isPresent());

        tokens.remember("third", caller, null, EXPIRY, 1, later);
        tokens.remember("fourth", caller, null, EXPIRY, 1, later);

        assertEquals(1, tokens.size(), "nothing expired: all dropped, then the new one kept");
        assertTrue(tokens.find("fourth", later, 1).isPresent());
    }
}
