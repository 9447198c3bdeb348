package io.latchkey.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.web.FieldError;
import java.util.List;
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
        assertEquals(List.of(), cut.check("correct horse battery staple", "correct horse battery staple", "password", "confirm_password"));
    }

    @Test
    void countsCharactersNotBytesOrUtf16Units() {
        String eightEmoji = "\ud83d\udd11".repeat(8);
        assertEquals(List.of(), cut.check(eightEmoji, eightEmoji, "p", "c"), "8 characters, 16 UTF-16 units");
        String sevenEmoji = "\ud83d\udd11".repeat(7);
        assertEquals(List.of(new FieldError("p", "Password must be at least 8 characters long")),
                cut.check(sevenEmoji, sevenEmoji, "p", "c"));
        String max = "\u00e9".repeat(128);
        assertEquals(List.of(), cut.check(max, max, "p", "c"), "128 characters, 256 bytes");
        assertEquals(List.of(new FieldError("p", "Password must be at most 128 characters long")),
                cut.check(max + "x", max + "x", "p", "c"));
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertEquals(List.of(new FieldError("p", "This password is too common; choose another")),
                cut.check("PassWord1", "PassWord1", "p", "c"));
        assertTrue(cut.isCommon("qwertyuiop"));
    }

    @Test
    void theMinimumIsConfigurable() {
        cut.minLength = 12;
        assertEquals(1, cut.check("elevenchars", "elevenchars", "p", "c").size());
    }

    @Test
    void reportsAMismatchedConfirmationOnItsOwnField() {
        assertEquals(List.of(new FieldError("c", "Passwords do not match")),
                cut.check("correct horse battery staple", "correct horse battery stapler", "p", "c"));
    }
}
