package io.latchkey.mfa.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The codes that stand in for a lost authenticator: ten of them, each 10 Base32 characters (50 random bits) shown
 * as {@code xxxxx-xxxxx}, stored only as SHA-256 hashes (random codes of that length need no slow hash: there is
 * no dictionary to try) and usable once. What a person types is normalised first: case, spaces and dashes do not
 * matter.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final int CHARACTERS = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** New codes, as the person sees them once. */
    public static List<String> generate() {
        return IntStream.range(0, COUNT).mapToObj(i -> one()).toList();
    }

    /** What is stored of a code. */
    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised(code).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether a typed text could be a recovery code at all (an authenticator's code is six digits). */
    public static boolean looksLikeOne(String typed) {
        String code = normalised(typed);
        return code.length() == CHARACTERS && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static String normalised(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String one() {
        StringBuilder code = new StringBuilder(CHARACTERS + 1);
        for (int i = 0; i < CHARACTERS; i++) {
            if (i == CHARACTERS / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
