package io.latchkey.passwords;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import io.latchkey.telemetry.Telemetry;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hashes and verifies passwords. Argon2id with the OWASP cheat sheet's first row by default (m=19 MiB, t=2, p=1);
 * imported bcrypt hashes are verified and reported for re-hashing. Hashing is memory- and CPU-bound on purpose, so
 * at most one hash per core runs at a time and the rest queue: more in parallel would only add memory and latency.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    @ConfigProperty(name = "password.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "password.argon2.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "password.argon2.parallelism", defaultValue = "1")
    int parallelism;

    @Inject
    Telemetry telemetry;

    private final Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private Argon2id policy;
    private String decoy;

    /** The outcome of a check: whether it matched, and whether the stored hash is due to be made again. */
    public record Verification(boolean matches, boolean needsRehash) {
    }

    @PostConstruct
    void init() {
        policy = new Argon2id(memoryKib, iterations, parallelism);
        decoy = policy.hash("decoy password for unknown accounts".getBytes(StandardCharsets.UTF_8));
    }

    public String hash(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return gated(() -> policy.hash(bytes));
    }

    public Verification verify(String password, String encoded) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (Argon2id.isArgon2id(encoded)) {
            boolean matches = gated(() -> Argon2id.verify(bytes, encoded));
            return new Verification(matches, matches && policy.differsFrom(encoded));
        }
        if (ImportedBcrypt.isBcrypt(encoded)) {
            boolean matches = gated(() -> ImportedBcrypt.verify(bytes, encoded));
            return new Verification(matches, matches);
        }
        return new Verification(false, false);
    }

    /** The same work as a real check, for an account that does not exist: timing must not tell them apart. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    private <T> T gated(java.util.function.Supplier<T> work) {
        cores.acquireUninterruptibly();
        try {
            return telemetry == null ? work.get() : telemetry.timePasswordHash(work);
        } finally {
            cores.release();
        }
    }
}
