package io.latchkey.mfa.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery codes: ten distinct random codes, recognised however they are typed, stored as hashes only. */
class RecoveryCodesTest {

    @Test
    void tenDistinctCodesOfTenCharactersInTwoGroups() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("[a-z2-7]{5}-[a-z2-7]{5}"), code);
            assertTrue(RecoveryCodes.looksLikeOne(code));
        }
        assertNotEquals(codes, RecoveryCodes.generate());
    }

    @Test
    void caseSpacesAndDashesDoNotMatter() {
        String code = RecoveryCodes.generate().get(0);
        String typed = " " + code.toUpperCase().replace("-", " ") + " ";
        assertEquals(RecoveryCodes.hash(code), RecoveryCodes.hash(typed));
        assertTrue(RecoveryCodes.looksLikeOne(typed));
    }

    @Test
    void anAuthenticatorCodeIsNotARecoveryCode() {
        assertFalse(RecoveryCodes.looksLikeOne("287082"));
        assertFalse(RecoveryCodes.looksLikeOne("abcde-fghi1"), "1 is not Base32");
        assertFalse(RecoveryCodes.looksLikeOne(null));
        assertEquals(64, RecoveryCodes.hash("abcde-fghij").length());
        assertNotEquals("abcdefghij", RecoveryCodes.hash("abcde-fghij"));
    }
}
