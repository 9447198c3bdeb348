package io.latchkey.it;

import static io.latchkey.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/auth/me under MicroProfile JWT, the JWKS and discovery documents, and the 401/403 matrix. */
abstract class TokenTests {

    static final String ME = "/api/v1/auth/me";

    @Test
    void meAnswersTheTokensUser() {
        String email = Users.newEmail();
        JsonObject user = Users.register(email);
        String token = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply reply = Api.get(ME, token);

        assertEquals(200, reply.status(), reply.text());
        assertEquals(Map.of("user", user), reply.json());
    }

    @Test
    void missingOrMalformedTokensAre401Problems() {
        assertProblem(Api.get(ME), 401);
        assertProblem(Api.get(ME, "not-a-jwt"), 401);
        assertProblem(Api.send("GET", ME, Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401);
        String token = Users.accessToken();
        assertProblem(Api.get(ME, token.substring(0, token.length() - 4) + "AAAA"), 401);
    }

    @Test
    void tokensThatBreakOneRuleAre401() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String sid = SessionTests.sid(Users.login(email, Users.PASSWORD).getString("token"));
        String otherSid = SessionTests.sid(Users.accessToken());
        RSAKey key = Mint.serviceKey();
        assertEquals(200, Api.get(ME, Mint.sign(key, Mint.claims(userId, sid).build())).status(), "the control token works");

        Instant past = Instant.now().minusSeconds(3600);
        Map<String, String> broken = Map.of(
                "foreign key", Mint.sign(Mint.foreignKey(UUID.randomUUID().toString()), Mint.claims(userId, sid).build()),
                "foreign key claiming the service's kid", Mint.sign(Mint.foreignKey(key.getKeyID()), Mint.claims(userId, sid).build()),
                "expired", Mint.sign(key, Mint.claims(userId, sid).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(600))).build()),
                "foreign issuer", Mint.sign(key, Mint.claims(userId, sid).issuer("https://evil.example.test").build()),
                "unsigned (alg none)", new PlainJWT(Mint.claims(userId, sid).build()).serialize(),
                "HS256 keyed with the public key", hs256WithPublicKey(key, Mint.claims(userId, sid).build()),
                "tampered payload", tamper(Mint.sign(key, Mint.claims(userId, sid).build()), Mint.claims(UUID.randomUUID().toString(), sid).build()),
                "unknown user", Mint.sign(key, Mint.claims(UUID.randomUUID().toString(), otherSid).build()),
                "unknown session", Mint.sign(key, Mint.claims(userId, UUID.randomUUID().toString()).build()));
        broken.forEach((rule, token) -> assertEquals(401, Api.get(ME, token).status(), rule));
    }

    @Test
    void aValidTokenWithoutTheUserGroupIs403() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String sid = SessionTests.sid(Users.login(email, Users.PASSWORD).getString("token"));
        String token = Mint.sign(Mint.serviceKey(), Mint.claims(userId, sid).claim("groups", List.of("other")).build());

        assertProblem(Api.get(ME, token), 403);
    }

    @Test
    void jwksPublishesOnlyPublicKeysWithTheirKid() {
        Api.Reply reply = Api.get("/.well-known/jwks.json");

        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"));
        List<JsonObject> keys = reply.json().getJsonArray("keys").getValuesAs(JsonObject.class);
        assertFalse(keys.isEmpty());
        JsonObject newest = keys.stream().filter(k -> k.getString("kid").equals(Mint.activeKid())).findFirst().orElseThrow();
        assertEquals("RSA", newest.getString("kty"));
        assertEquals("sig", newest.getString("use"));
        assertEquals("RS256", newest.getString("alg"));
        for (JsonObject key : keys) {
            for (String secret : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.containsKey(secret), "private part " + secret + " published");
            }
        }
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndTheKeys() {
        JsonObject config = Api.get("/.well-known/openid-configuration").json();

        assertEquals(Api.BASE, config.getString("issuer"));
        assertEquals(Api.BASE + "/.well-known/jwks.json", config.getString("jwks_uri"));
    }

    @Test
    void aVerifierThatKnowsOnlyTheDiscoveryDocumentAcceptsTheTokens() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String jwksUri = Api.get("/.well-known/openid-configuration").json().getString("jwks_uri");

        DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier((type, context) -> { });
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(jwksUri).toURL()).retrying(false).build()));
        JWTClaimsSet claims = verifier.process(token, null);

        assertEquals(userId, claims.getSubject());
        assertEquals(Api.BASE, claims.getIssuer());
    }

    private static String hs256WithPublicKey(RSAKey key, JWTClaimsSet claims) throws Exception {
        byte[] secret = key.toPublicJWK().toJSONString().getBytes();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** A signed token whose payload is swapped for another, signature kept. */
    private static String tamper(String token, JWTClaimsSet otherClaims) {
        String[] parts = token.split("\\.");
        String payload = com.nimbusds.jose.util.Base64URL.encode(otherClaims.toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }
}
