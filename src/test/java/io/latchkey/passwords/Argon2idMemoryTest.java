package io.latchkey.passwords;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;
import org.junit.jupiter.api.Test;

/** The reused hash memory keeps its layout, so no hash runs on blocks in another order than the one before it. */
class Argon2idMemoryTest {

    @Test
    void blocksComeBackInTheOrderTheyWereHandedOut() {
        Argon2id.Memory memory = new Argon2id.Memory();
        List<Block> first = allocate(memory, 100);
        first.forEach(memory::deallocate);

        List<Block> second = allocate(memory, 100);

        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i), "block " + i);
        }
    }

    private static List<Block> allocate(Argon2id.Memory memory, int count) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(memory.allocate());
        }
        return blocks;
    }
}
