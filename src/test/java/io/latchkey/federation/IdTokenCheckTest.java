package io.latchkey.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.federation.control.IdTokenCheck;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ID token rules on tokens made here with keys of the test's own: the integration tests send the provider's real
 * tokens; these reach the cases a real provider will not produce (HMAC, PS256, a key it rolled, the skew's edges).
 */
class IdTokenCheckTest {

    static final String ISSUER = "https://idp.example.test/tenant";
    static final String CLIENT = "latchkey";
    static final String NONCE = "the-flows-nonce";
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static final RSAKey RSA = generateRsa("rsa-1");
    static final ECKey EC = generateEc();

    static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("248289761001")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).claim("nonce", NONCE)
                .claim("email", "jane@example.test").claim("email_verified", true).claim("name", "Jane Doe");
    }

    static String rs256(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static IdTokenCheck.Keys keys(JWKSet cached, JWKSet refetched, AtomicInteger fetches) {
        return new IdTokenCheck.Keys() {
            @Override
            public JWKSet cached() {
                return cached;
            }

            @Override
            public JWKSet refetched() {
                fetches.incrementAndGet();
                return refetched;
            }
        };
    }

    static final JWKSet PUBLISHED = new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()));

    static IdTokenCheck.Claims check(String token) throws Exception {
        return IdTokenCheck.check(token, keys(PUBLISHED, PUBLISHED, new AtomicInteger()), ISSUER, CLIENT, NONCE, NOW);
    }

    static void refused(String token) {
        assertThrows(IdTokenCheck.Refused.class, () -> check(token));
    }

    @Test
    void aGoodTokenSaysWhoAndWhetherTheAddressIsVerified() throws Exception {
        IdTokenCheck.Claims claims = check(rs256(RSA, b -> b.claim("amr", List.of("pwd", "otp"))));

        assertEquals("248289761001", claims.subject());
        assertEquals("jane@example.test", claims.email().orElseThrow());
        assertTrue(claims.emailVerified());
        assertEquals("Jane Doe", claims.name().orElseThrow());
        assertEquals(List.of("pwd", "otp"), claims.amr());
        assertFalse(check(rs256(RSA, b -> b.claim("email_verified", "false"))).emailVerified());
        assertFalse(check(rs256(RSA, b -> b.claim("email_verified", null))).emailVerified());
        assertEquals("Given Family", check(rs256(RSA, b -> b.claim("name", null).claim("given_name", "Given")
                .claim("family_name", "Family"))).name().orElseThrow());
    }

    @Test
    void onlyRs256Ps256AndEs256SignaturesByThePublishedKeysCount() throws Exception {
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
        es.sign(new ECDSASigner(EC));
        assertEquals("248289761001", check(es.serialize()).subject());
        SignedJWT ps = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims().build());
        ps.sign(new RSASSASigner(RSA));
        assertEquals("248289761001", check(ps.serialize()).subject());

        refused(new PlainJWT(claims().build()).serialize());
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        hs.sign(new MACSigner("the-client-secret-the-client-secret-!!".getBytes()));
        refused(hs.serialize());
        SignedJWT rs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(),
                claims().build());
        rs512.sign(new RSASSASigner(RSA));
        refused(rs512.serialize());
        refused(rs256(generateRsa("rsa-1"), b -> b), "another key with a published kid");
        String token = rs256(RSA, b -> b);
        refused(token.substring(0, token.lastIndexOf('.') + 1) + "AAAA");
        refused("not.a.jwt");
    }

    static void refused(String token, String why) {
        assertThrows(IdTokenCheck.Refused.class, () -> check(token), why);
    }

    @Test
    void theIssuerTheAudienceTheTimesAndTheNonceMustBeThisFlows() throws Exception {
        refused(rs256(RSA, b -> b.issuer("https://idp.example.test/other")), "another issuer");
        refused(rs256(RSA, b -> b.audience("another-client")), "another client's");
        refused(rs256(RSA, b -> b.audience(List.of(CLIENT, "another-client"))), "several audiences, no azp");
        assertEquals("248289761001", check(rs256(RSA, b -> b.audience(List.of(CLIENT, "another-client"))
                .claim("azp", CLIENT))).subject());
        refused(rs256(RSA, b -> b.claim("azp", "another-client")), "authorized for another");
        refused(rs256(RSA, b -> b.expirationTime(Date.from(NOW.minusSeconds(31)))), "expired beyond the skew");
        check(rs256(RSA, b -> b.expirationTime(Date.from(NOW.minusSeconds(29)))));
        refused(rs256(RSA, b -> b.expirationTime(null)), "no expiry");
        refused(rs256(RSA, b -> b.issueTime(Date.from(NOW.plusSeconds(31)))), "issued in the future");
        refused(rs256(RSA, b -> b.issueTime(null)), "no issue time");
        refused(rs256(RSA, b -> b.claim("nonce", "another")), "another flow's nonce");
        refused(rs256(RSA, b -> b.claim("nonce", null)), "no nonce");
        refused(rs256(RSA, b -> b.subject(null)), "no subject");
        refused(rs256(RSA, b -> b.subject("x".repeat(256))), "a subject too long to store");
    }

    @Test
    void anUnknownKidFetchesTheKeysOnceMore() throws Exception {
        RSAKey rolled = generateRsa("rsa-2");
        AtomicInteger fetches = new AtomicInteger();
        String token = rs256(rolled, b -> b);

        IdTokenCheck.Claims claims = IdTokenCheck.check(token, keys(PUBLISHED,
                new JWKSet(List.of(rolled.toPublicJWK())), fetches), ISSUER, CLIENT, NONCE, NOW);

        assertEquals("248289761001", claims.subject());
        assertEquals(1, fetches.get());
        AtomicInteger again = new AtomicInteger();
        assertThrows(IdTokenCheck.Refused.class, () -> IdTokenCheck.check(rs256(generateRsa("rsa-3"), b -> b),
                keys(PUBLISHED, PUBLISHED, again), ISSUER, CLIENT, NONCE, NOW));
        assertEquals(1, again.get(), "once, not in a loop");
        IdTokenCheck.check(rs256(RSA, b -> b), keys(PUBLISHED, PUBLISHED, again), ISSUER, CLIENT, NONCE, NOW);
        assertEquals(1, again.get(), "a known kid fetches nothing");
    }
}
