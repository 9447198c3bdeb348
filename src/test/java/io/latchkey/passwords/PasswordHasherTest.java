package io.latchkey.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    PasswordHasher cut;

    @BeforeEach
    void init() {
        cut = new PasswordHasher();
        cut.memoryKib = 19456;
        cut.iterations = 2;
        cut.parallelism = 1;
        cut.init();
    }

    /** Made by the reference implementation (libargon2 through Python's argon2-cffi) with a fixed salt. */
    static final String REFERENCE = "$argon2id$v=19$m=19456,t=2,p=1$bGF0Y2hrZXkta2F0LXNhbHQ$nkIsi7T6dyJufVGAQTyL2E5JmsODKBhzsp12Mo+9KYg";

    @Test
    void agreesWithTheReferenceImplementationAlsoOnReusedMemory() {
        assertTrue(cut.verify("correct horse battery staple", REFERENCE).matches(), "first hash, fresh memory");
        cut.hash("another password entirely");
        assertTrue(cut.verify("correct horse battery staple", REFERENCE).matches(), "after a hash, on its memory");
        assertFalse(cut.verify("correct horse battery stapler", REFERENCE).matches());
    }

    @Test
    void hashesWithArgon2idAndTheConfiguredParametersInPhcFormat() {
        String hash = cut.hash("correct horse battery staple");

        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertNotEquals(hash, cut.hash("correct horse battery staple"), "a fresh salt each time");
    }

    @Test
    void verifiesExactlyThePasswordThatWasHashed() {
        String hash = cut.hash("  caf\u00e9 \ud83d\udd11  ");

        assertEquals(new PasswordHasher.Verification(true, false), cut.verify("  caf\u00e9 \ud83d\udd11  ", hash));
        assertFalse(cut.verify("caf\u00e9 \ud83d\udd11", hash).matches(), "never trimmed");
        assertFalse(cut.verify("cafe\u0301 \ud83d\udd11", hash).matches(), "never normalised");
    }

    @Test
    void asksForARehashWhenTheParametersChanged() {
        String weak = new Argon2id(4096, 1, 1).hash("pw".getBytes(StandardCharsets.UTF_8));

        assertEquals(new PasswordHasher.Verification(true, true), cut.verify("pw", weak));
        assertEquals(new PasswordHasher.Verification(false, false), cut.verify("other", weak));
    }

    @Test
    void verifiesImportedBcryptAndAlwaysAsksToRehashIt() {
        String bcrypt = OpenBSDBCrypt.generate("2b", "legacy secret".getBytes(StandardCharsets.UTF_8), new byte[16], 4);

        assertEquals(new PasswordHasher.Verification(true, true), cut.verify("legacy secret", bcrypt));
        assertFalse(cut.verify("legacy secreT", bcrypt).matches());
    }

    @Test
    void bcryptComparesTheFirst72BytesLikeTheReferenceApi() {
        String long80 = "a".repeat(80);
        String bcrypt = OpenBSDBCrypt.generate("2b", long80.substring(0, 72).getBytes(StandardCharsets.UTF_8), new byte[16], 4);

        assertTrue(cut.verify(long80, bcrypt).matches());
    }

    @Test
    void noMoreHashesRunAtOnceThanThereAreCores() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Counts the hashes running at once, where the service times them.
        cut.telemetry = new Telemetry() {
            @Override
            public <T> T timePasswordHash(Supplier<T> hashing) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    return hashing.get();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService callers = Executors.newFixedThreadPool(cores * 4);
        List<Future<String>> hashes = new ArrayList<>();
        for (int i = 0; i < cores * 8; i++) {
            hashes.add(callers.submit(() -> cut.hash("password in a queue")));
        }
        for (Future<String> hash : hashes) {
            assertTrue(hash.get().startsWith("$argon2id$"));
        }
        callers.shutdown();

        assertEquals(cores, most.get(), "at most one hash per core, and all cores used");
    }

    @Test
    void unknownOrCorruptHashesNeverMatch() {
        assertFalse(cut.verify("x", "").matches());
        assertFalse(cut.verify("x", "plaintext").matches());
        assertFalse(cut.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!").matches());
        assertFalse(cut.verify("x", "$2b$10$short").matches());
    }
}
