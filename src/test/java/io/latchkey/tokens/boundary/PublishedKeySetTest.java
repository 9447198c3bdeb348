package io.latchkey.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The version that remembered token verifications are trusted under moves with the key set's content only. */
class PublishedKeySetTest {

    @Test
    void theVersionMovesWhenTheContentChangesAndOnlyThen() {
        PublishedKeySet.publish("{\"keys\":[{\"kid\":\"a\"}]}");
        long first = PublishedKeySet.version();

        PublishedKeySet.publish("{\"keys\":[{\"kid\":\"a\"}]}");
        assertEquals(first, PublishedKeySet.version(), "a reload of the same set keeps what was verified under it");

        PublishedKeySet.publish("{\"keys\":[{\"kid\":\"b\"}]}");
        assertEquals(first + 1, PublishedKeySet.version(), "a key retired or added: verifications made before are void");
    }
}
