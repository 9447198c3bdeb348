package io.latchkey.mfa.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B (SHA-1), RFC 4648 section 10, and the window and replay rules. */
class TotpTest {

    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void theRfc6238TestVectors(long unixTime, String eightDigits) {
        long step = Totp.stepOf(Instant.ofEpochSecond(unixTime));
        assertEquals(eightDigits, Totp.code(RFC_SECRET, step, 8));
        assertEquals(eightDigits.substring(2), Totp.code(RFC_SECRET, step), "6 digits are the last 6 of 8");
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32AsRfc4648WithoutPadding(String text, String encoded) {
        assertEquals(encoded, Totp.base32(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theCurrentStepAndOneEitherSideAreAcceptedTwoAwayAreNot() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.stepOf(now);
        for (long offset : new long[] {-1, 0, 1}) {
            assertEquals(OptionalLong.of(step + offset),
                    Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + offset), now, Long.MIN_VALUE));
        }
        for (long offset : new long[] {-2, 2}) {
            assertEquals(OptionalLong.empty(),
                    Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + offset), now, Long.MIN_VALUE));
        }
    }

    @Test
    void aCodeIsNeverAcceptedTwiceNorOneOfAnEarlierStep() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.stepOf(now);
        String code = Totp.code(RFC_SECRET, step);
        assertEquals(OptionalLong.empty(), Totp.acceptedStep(RFC_SECRET, code, now, step), "the same step again");
        assertEquals(OptionalLong.empty(), Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, step),
                "an earlier step after a later one was used");
        assertEquals(OptionalLong.of(step + 1), Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, step));
    }

    @Test
    void malformedCodesAreRefused() {
        Instant now = Instant.ofEpochSecond(59);
        for (String code : new String[] {null, "", "28708", "2870821", "28708a", " 287082", "２８７０８２"}) {
            assertEquals(OptionalLong.empty(), Totp.acceptedStep(RFC_SECRET, code, now, Long.MIN_VALUE), code);
        }
    }

    @Test
    void secretsAre160RandomBits() {
        byte[] one = Totp.newSecret();
        assertEquals(20, one.length);
        assertNotEquals(Totp.base32(one), Totp.base32(Totp.newSecret()));
        assertEquals(32, Totp.base32(one).length());
    }
}
