package io.latchkey.mfa.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sealing authenticator secrets: only this key, for this owner, unaltered, opens them. */
class SecretBoxTest {

    final SecretBox box = new SecretBox(SecretBox.newKey());
    final byte[] secret = Totp.newSecret();

    @Test
    void opensWhatItSealedForTheSameOwner() {
        String sealed = box.seal(secret, "user-1");
        assertTrue(sealed.startsWith("v1."));
        assertArrayEquals(secret, box.open(sealed, "user-1").orElseThrow());
        assertNotEquals(sealed, box.seal(secret, "user-1"), "a fresh nonce every time");
    }

    @Test
    void refusesAnotherOwnerAnotherKeyAndAnyAlteration() {
        String sealed = box.seal(secret, "user-1");
        assertEquals(Optional.empty(), box.open(sealed, "user-2"), "copied to another account");
        assertEquals(Optional.empty(), new SecretBox(SecretBox.newKey()).open(sealed, "user-1"));
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertEquals(Optional.empty(), box.open("v1." + Base64.getEncoder().encodeToString(bytes), "user-1"));
        for (String junk : new String[] {null, "", "v1.", "v1.!!", "v2." + sealed.substring(3), sealed.substring(3)}) {
            assertEquals(Optional.empty(), box.open(junk, "user-1"), String.valueOf(junk));
        }
    }

    @Test
    void onlyAes256Keys() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }
}
