package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Access token validation (issue 5, area 4) per RFC 8725 and ASVS 5.0 V9: each token breaks exactly one rule of a
 * control token that works, made with the service's real key (read from its database) unless the rule is the key.
 */
abstract class TokenValidationSecurityTests {

    String userId;
    String sid;
    RSAKey key;

    @BeforeEach
    void controlToken() throws Exception {
        String email = Users.newEmail();
        userId = Users.register(email).getString("id");
        sid = Users.sid(Users.login(email, Users.PASSWORD).getString("token"));
        key = Mint.serviceKey();
        assertEquals(200, me(Mint.sign(key, claims().build())).status(), "the control token works");
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.1: a tampered payload is refused (401)")
    void tamperedPayload() {
        String[] parts = Mint.sign(key, claims().build()).split("\\.");
        String forged = Base64URL.encode(claims().subject(UUID.randomUUID().toString()).build().toString()).toString();
        assertProblem(me(parts[0] + "." + forged + "." + parts[2]), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.1: a token signed by another key is refused, even under the service's kid (401)")
    void foreignKey() {
        assertProblem(me(Mint.sign(Mint.foreignKey(UUID.randomUUID().toString()), claims().build())), 401);
        assertProblem(me(Mint.sign(Mint.foreignKey(key.getKeyID()), claims().build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.2 / RFC 8725 3.1: alg none is refused (401)")
    void algNone() {
        assertProblem(me(new PlainJWT(claims().build()).serialize()), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.2 / RFC 8725 2.1: HS256 keyed with the public key is refused (401)")
    void hmacWithThePublicKey() throws Exception {
        for (byte[] secret : List.of(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                key.toRSAPublicKey().getEncoded())) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims().build());
            jwt.sign(new MACSigner(pad(secret)));
            assertProblem(me(jwt.serialize()), 401);
        }
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.2: algorithms off the allow-list (RS512, PS256, ES256) are refused, even with the service's key (401)")
    void otherAlgorithms() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims().build());
            jwt.sign(new RSASSASigner(key));
            assertProblem(me(jwt.serialize()), 401);
        }
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims().build());
        jwt.sign(new ECDSASigner(ec));
        assertProblem(me(jwt.serialize()), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.3 / RFC 8725 3.10: jku, x5u and embedded jwk headers are never followed (401)")
    void keysFromTheTokenAreIgnored() throws Exception {
        RSAKey attacker = Mint.foreignKey(UUID.randomUUID().toString());
        List<JWSHeader> headers = List.of(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT)
                        .jwkURL(URI.create("http://127.0.0.1:9/jwks.json")).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT)
                        .x509CertURL(URI.create("http://127.0.0.1:9/cert.pem")).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT)
                        .jwk(attacker.toPublicJWK()).build());
        for (JWSHeader header : headers) {
            SignedJWT jwt = new SignedJWT(header, claims().build());
            jwt.sign(new RSASSASigner(attacker));
            assertProblem(me(jwt.serialize()), 401);
        }
    }

    @Test
    @DisplayName("ASVS 5.0 V9.1.3: a kid that names no published key is refused (401)")
    void unknownKid() throws Exception {
        RSAKey renamed = new RSAKey.Builder(key).keyID("no-such-key").build();
        assertProblem(me(Mint.sign(renamed, claims().build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.2.1: expired and not-yet-valid tokens are refused (401)")
    void timeValidity() {
        Instant past = Instant.now().minusSeconds(3600);
        assertProblem(me(Mint.sign(key, claims().issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(600))).build())), 401);
        Instant future = Instant.now().plusSeconds(3600);
        assertProblem(me(Mint.sign(key, claims().notBeforeTime(Date.from(future)).build())), 401);
    }

    @Test
    @DisplayName("RFC 8725 3.8: a token from another issuer is refused (401)")
    void foreignIssuer() {
        assertProblem(me(Mint.sign(key, claims().issuer("https://evil.example.test").build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.2.3 / RFC 8725 3.9: with an audience configured, a foreign or missing aud is refused (401)")
    void audience() {
        assertProblem(me(Mint.sign(key, claims().audience("another-service").build())), 401);
        assertProblem(me(Mint.sign(key, claims().audience((String) null).build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V9.2.2 / RFC 8725 3.11: refresh, verification and reset tokens are not access tokens (401), and an access token is none of them (400/401)")
    void tokenKinds() {
        String email = Users.newUser();
        Api.Reply login = RefreshCookies.login(email);
        String refresh = RefreshCookies.of(login).value();
        String verification = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);
        String access = login.json().getString("token");

        for (String notAccess : List.of(refresh, verification, reset)) {
            assertProblem(me(notAccess), 401);
        }
        assertProblem(RefreshCookies.refresh(access), 401);
        assertProblem(Api.patch(Paths.VERIFY, json("token", access)), 400);
        assertProblem(Api.patch(Paths.UPDATE, json("token", access, "password",
                Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)), 400);
    }

    @Test
    @DisplayName("ASVS 5.0 V7.4.1: a valid token of an ended session is refused (401)")
    void endedSession() {
        Database.update("update sessions set revoked_at = now() where id = ?::uuid", sid);
        assertProblem(me(Mint.sign(key, claims().build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V7.4.1: a valid token naming another user's session is refused (401)")
    void sessionOfAnotherUser() {
        String otherUser = Users.register(Users.newEmail()).getString("id");
        assertProblem(me(Mint.sign(key, Mint.claims(otherUser, sid).build())), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V8 (authorization): a valid token without the user group is refused (403)")
    void missingGroup() {
        assertProblem(me(Mint.sign(key, claims().claim("groups", List.of("other")).build())), 403);
    }

    JWTClaimsSet.Builder claims() {
        return Mint.claims(userId, sid);
    }

    /**
     * {@code me} with the token under every spelling of the scheme (issue 14.16): "Bearer" goes through MP-JWT,
     * "bearer" and "BEARER" through Latchkey's own verifier, and all three must decide alike, body included.
     */
    static Api.Reply me(String token) {
        Api.Reply canonical = Api.get(Paths.ME, token);
        for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
            Api.Reply other = Api.send(Api.request(Paths.ME).GET().header("Authorization", scheme + " " + token));
            assertEquals(canonical.status(), other.status(), scheme + " decides as Bearer: " + other.text());
            assertEquals(canonical.text(), other.text(), scheme + " answers as Bearer");
        }
        return canonical;
    }

    /** HMAC keys must be at least 256 bits for the signer; the attack works the same with a padded key. */
    private static byte[] pad(byte[] secret) {
        return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
    }
}
