package io.latchkey.it;

import io.latchkey.it.support.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Key rotation (issue 5, area 7) by a configuration change at restart: SIGNING_KEY_ROTATE_AFTER. The suite runs
 * with SIGNING_KEY_ACTIVATION_DELAY=PT3S, SIGNING_KEY_RELOAD=PT1S and JWKS_MAX_AGE=PT1S.
 */
abstract class KeyRotationSecurityTests {

    @Test
    @DisplayName("ASVS 5.0 V9.1.3 / RFC 7517: a new key is published, then signs; tokens of the old key stay valid until they expire")
    void rotationAtRestart() throws Exception {
        String email = Users.newUser();
        String oldToken = Users.login(email, Users.PASSWORD).getString("token");
        String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();

        SecondInstance.restart(Map.of("SIGNING_KEY_ROTATE_AFTER", Instant.now().toString()));

        Await.until(() -> !kid(Users.login(email, Users.PASSWORD).getString("token")).equals(oldKid),
                "the first instance signs with the new key once it is active");
        String newToken = Users.login(email, Users.PASSWORD).getString("token");
        String newKid = kid(newToken);
        assertNotEquals(oldKid, newKid);
        for (String base : new String[] {Api.BASE, SecondInstance.BASE}) {
            Set<String> published = Api.get(base + "/.well-known/jwks.json").json().getJsonArray("keys")
                    .getValuesAs(JsonObject.class).stream().map(k -> k.getString("kid")).collect(Collectors.toSet());
            assertTrue(published.containsAll(Set.of(oldKid, newKid)), base + " publishes both: " + published);
            assertEquals(200, Api.get(base + Paths.ME, oldToken).status(), "the old key's token on " + base);
            assertEquals(200, Api.get(base + Paths.ME, newToken).status(), "the new key's token on " + base);
        }
        assertEquals(newKid, kid(Users.loginOn(SecondInstance.BASE, email).json().getString("token")));
        assertEquals(1, Database.count("select count(*) from signing_keys where kid = ? and retired_at is not null", oldKid));
    }

    @Test
    @DisplayName("API.md Tokens: a configured key (JWT_SIGNING_KEY) signs and alone is published")
    void configuredKey() throws Exception {
        RSAKey configured = new RSAKeyGenerator(2048).generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(configured.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String kid = configured.computeThumbprint().toString();
        try {
            SecondInstance.restart(Map.of("JWT_SIGNING_KEY", pem));
            Set<String> published = Api.get(SecondInstance.BASE + "/.well-known/jwks.json").json().getJsonArray("keys")
                    .getValuesAs(JsonObject.class).stream().map(k -> k.getString("kid")).collect(Collectors.toSet());
            assertEquals(Set.of(kid), published);
            String token = Users.loginOn(SecondInstance.BASE, Users.newUser()).json().getString("token");
            assertEquals(kid, kid(token));
            assertEquals(200, Api.get(SecondInstance.BASE + Paths.ME, token).status());
        } finally {
            SecondInstance.restart(Map.of());
        }
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
