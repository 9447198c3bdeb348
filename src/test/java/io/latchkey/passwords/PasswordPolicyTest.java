package io.latchkey.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    PasswordPolicy cut;

    @BeforeEach
    void init() {
        cut = new PasswordPolicy();
        cut.minLength = 8;
        cut.loadCommonPasswords();
    }

    @Test
    void shipsAtLeastTenThousandCommonPasswords() {
        assertTrue(cut.commonCount() >= 10_000, "list size " + cut.commonCount());
    }

    @Test
    void acceptsALongUncommonPassword() {
        assertEquals(Optional.empty(), cut.problem("correct horse battery staple"));
    }

    @Test
    void countsCharactersNotBytesOrUtf16Units() {
        assertEquals(Optional.empty(), cut.problem("\ud83d\udd11".repeat(8)), "8 characters, 16 UTF-16 units");
        assertEquals(Optional.of("Password must be at least 8 characters long"), cut.problem("\ud83d\udd11".repeat(7)));
        String max = "\u00e9".repeat(128);
        assertEquals(Optional.empty(), cut.problem(max), "128 characters, 256 bytes");
        assertEquals(Optional.of("Password must be at most 128 characters long"), cut.problem(max + "x"));
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertEquals(Optional.of("This password is too common; choose another"), cut.problem("PassWord1"));
        assertTrue(cut.isCommon("qwertyuiop"));
    }

    @Test
    void theMinimumIsConfigurable() {
        cut.minLength = 12;
        assertEquals(Optional.of("Password must be at least 12 characters long"), cut.problem("elevenchars"));
    }
}
