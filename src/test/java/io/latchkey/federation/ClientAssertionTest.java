package io.latchkey.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.control.ProviderHttp;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** private_key_jwt: the assertion a provider verifies with the public key it was given, from a PEM as configured. */
class ClientAssertionTest {

    static final URI TOKEN_ENDPOINT = URI.create("https://idp.example.test/oauth2/token");
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void anRsaKeyOfAPemSignsAMinuteLongAssertionForThisTokenEndpoint() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        JWK configured = JWK.parseFromPEMEncodedObjects(pem(rsa.toPrivateKey().getEncoded()));

        SignedJWT assertion = SignedJWT.parse(Provider.clientAssertion(configured, "latchkey", TOKEN_ENDPOINT, NOW));

        assertEquals(JWSAlgorithm.RS256, assertion.getHeader().getAlgorithm());
        assertTrue(assertion.verify(new RSASSAVerifier(rsa.toRSAPublicKey())));
        assertEquals("latchkey", assertion.getJWTClaimsSet().getIssuer());
        assertEquals("latchkey", assertion.getJWTClaimsSet().getSubject());
        assertEquals(List.of(TOKEN_ENDPOINT.toString()), assertion.getJWTClaimsSet().getAudience());
        assertEquals(NOW.plusSeconds(60), assertion.getJWTClaimsSet().getExpirationTime().toInstant());
        assertNotEquals(assertion.getJWTClaimsSet().getJWTID(), SignedJWT.parse(Provider.clientAssertion(configured,
                "latchkey", TOKEN_ENDPOINT, NOW)).getJWTClaimsSet().getJWTID(), "never the same twice");
    }

    @Test
    void anEcKeySignsWithEs256AndAPublicKeyAloneCannotSign() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();

        SignedJWT assertion = SignedJWT.parse(Provider.clientAssertion(ec, "latchkey", TOKEN_ENDPOINT, NOW));

        assertEquals(JWSAlgorithm.ES256, assertion.getHeader().getAlgorithm());
        assertTrue(assertion.verify(new ECDSAVerifier(ec.toECPublicKey())));
        assertThrows(ProviderHttp.ProviderException.class,
                () -> Provider.clientAssertion(ec.toPublicJWK(), "latchkey", TOKEN_ENDPOINT, NOW));
    }
}
