package io.latchkey.passwords;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Verification only of bcrypt hashes imported from the reference API's database. Such users keep their password
 * and are re-hashed with Argon2id at their next login; nothing new is ever hashed with bcrypt.
 */
final class ImportedBcrypt {

    /** bcrypt reads at most 72 bytes; the reference's bcryptjs cut longer passwords there, so we do too. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private ImportedBcrypt() {
    }

    static boolean isBcrypt(String encoded) {
        return encoded.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    }

    static boolean verify(byte[] password, String encoded) {
        try {
            return OpenBSDBCrypt.checkPassword(encoded,
                    Arrays.copyOf(password, Math.min(password.length, BCRYPT_MAX_BYTES)));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
