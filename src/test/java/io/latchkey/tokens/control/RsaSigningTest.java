package io.latchkey.tokens.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Native signing changes the cost of a signature, not the signature: every verifier accepts it as before. */
class RsaSigningTest {

    private static final byte[] SIGNING_INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0".getBytes(StandardCharsets.US_ASCII);

    private static RSAKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test").generate();
    }

    @Test
    void onLinuxX8664TheNativeProviderSigns() {
        boolean nativePlatform = "Linux".equals(System.getProperty("os.name"))
                && "amd64".equals(System.getProperty("os.arch"));
        assertEquals(nativePlatform ? "AmazonCorrettoCryptoProvider" : "JDK", RsaSigning.providerName(true));
    }

    @Test
    void nativeAndJdkSignaturesAreTheSameBytes() throws Exception {
        // RSASSA-PKCS1-v1_5 is deterministic: one key and one input give one signature, whoever computes it.
        Base64URL nativeSignature = RsaSigning.signer(key, true).sign(header(), SIGNING_INPUT);
        Base64URL jdkSignature = RsaSigning.signer(key, false).sign(header(), SIGNING_INPUT);

        assertArrayEquals(jdkSignature.decode(), nativeSignature.decode());
    }

    @Test
    void theJdkVerifiesANativeSignatureAndRefusesItForOtherInput() throws Exception {
        Base64URL signature = RsaSigning.signer(key, true).sign(header(), SIGNING_INPUT);
        RSASSAVerifier verifier = new RSASSAVerifier(key.toRSAPublicKey());

        assertTrue(verifier.verify(header(), SIGNING_INPUT, signature));
        byte[] altered = SIGNING_INPUT.clone();
        altered[altered.length - 1] ^= 1;
        assertFalse(verifier.verify(header(), altered, signature));
    }

    @Test
    void whenNativeIsNotAllowedTheJdkSigns() throws Exception {
        RSASSASigner signer = RsaSigning.signer(key, false);

        assertNull(signer.getJCAContext().getProvider());
        assertEquals("JDK", RsaSigning.providerName(false));
        assertTrue(new RSASSAVerifier(key.toRSAPublicKey())
                .verify(header(), SIGNING_INPUT, signer.sign(header(), SIGNING_INPUT)));
    }

    private static JWSHeader header() {
        return new JWSHeader(JWSAlgorithm.RS256);
    }
}
