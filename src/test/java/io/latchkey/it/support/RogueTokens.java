package io.latchkey.it.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * What a compromised or impersonated provider would answer at its token endpoint: an ID token with every claim
 * right but its signature, unsigned ({@code alg: none}) or HMAC-signed with the client secret (a key the client
 * knows, so anyone holding it could mint one). A route of the suite's provider, taken for the next code exchange of
 * the {@code corp} issuer only when a test asked for it; every other request is the provider's own.
 */
public final class RogueTokens implements Route {

    static final String CLIENT_ID = "latchkey-suite";
    static final String CLIENT_SECRET = "suite-corp-secret-suite-corp-secret";   // long enough for HS256's key
    private static final AtomicReference<String> NEXT = new AtomicReference<>();

    /** The next token answer of the corp issuer carries an ID token signed with {@code alg} (none or HS256). */
    public static void next(String alg, String nonce) throws Exception {
        String issuer = ProviderSignIns.IDP + "/corp";
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID).subject("rogue")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", nonce)
                .claim("email", "rogue@example.test").claim("email_verified", true).build();
        if (alg.equals("none")) {
            NEXT.set(new PlainJWT(claims).serialize());
        } else {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
            NEXT.set(jwt.serialize());
        }
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return NEXT.get() != null && request.getMethod().equals("POST")
                && request.getUrl().encodedPath().equals("/corp/token");
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        String idToken = NEXT.getAndSet(null);
        String body = Json.createObjectBuilder().add("access_token", "rogue").add("token_type", "Bearer")
                .add("expires_in", 300).add("id_token", idToken).build().toString();
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, body, null);
    }
}
