package io.latchkey.passwords;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with its cost parameters, producing and reading the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so every stored hash says how it was made.
 */
record Argon2id(int memoryKib, int iterations, int parallelism) {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    static boolean isArgon2id(String encoded) {
        return encoded.startsWith("$argon2id$");
    }

    String hash(byte[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Verifies with the parameters stored in the hash, whatever the current policy. */
    static boolean verify(byte[] password, String encoded) {
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            return false;
        }
        Argon2id stored = of(phc);
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = stored.derive(password, B64_DECODER.decode(phc.group(4)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when the hash was made with other parameters than these, so it should be made again. */
    boolean differsFrom(String encoded) {
        Matcher phc = PHC.matcher(encoded);
        return !phc.matches() || !of(phc).equals(this);
    }

    private static Argon2id of(Matcher phc) {
        return new Argon2id(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(3)));
    }

    private byte[] derive(byte[] password, byte[] salt, int length) {
        Memory memory = Memory.take();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKib)
                    .withIterations(iterations)
                    .withParallelism(parallelism)
                    .withSalt(salt)
                    .withBlockPool(memory)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(password, out);
            return out;
        } finally {
            memory.giveBack();
        }
    }

    /**
     * The memory of one hash, kept for the next one. A hash fills memoryKib blocks of 1 KiB; allocating them anew
     * for every login (about 20 MiB in 20,000 objects) made the collector copy live hash memory and cost as much CPU
     * as hashing itself. One set per core is kept (hashes run at most one per core); Bouncy Castle zeroes each block
     * before it comes back. Used by one thread at a time, so no locking per block.
     * Blocks come back in the order they were handed out, so block i of every hash is the same object: handed out
     * last-in first-out, the order in memory reversed with every hash, and every other hash ran about 13 % slower
     * (the CPU prefetches ascending addresses better), which was a difference in timing too. The most recently used
     * set is taken first, for the same reason.
     */
    static final class Memory implements Argon2BytesGenerator.BlockPool {

        private static final int SETS = Runtime.getRuntime().availableProcessors();
        /** A set keeps at most 64 MiB, so an old hash with a huge memory cost cannot pin that much for good. */
        private static final int MAX_BLOCKS = 64 * 1024;
        private static final BlockingDeque<Memory> KEPT =
                new LinkedBlockingDeque<>(SETS);

        private final ArrayDeque<Argon2BytesGenerator.Block> free = new ArrayDeque<>();

        static Memory take() {
            Memory kept = KEPT.pollFirst();
            return kept != null ? kept : new Memory();
        }

        void giveBack() {
            KEPT.offerFirst(this);
        }

        @Override
        public Argon2BytesGenerator.Block allocate() {
            Argon2BytesGenerator.Block block = free.pollFirst();
            return block != null ? block : new Argon2BytesGenerator.Block();
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            if (free.size() < MAX_BLOCKS) {
                free.addLast(block);
            }
        }
    }
}
