package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /api/v1/auth/me under MicroProfile JWT, the JWKS and discovery documents, and the 401/403 matrix. */
abstract class TokenTests {

    @Test
    @org.junit.jupiter.api.DisplayName("Issue 14.16: the Bearer scheme in any letter case works on every protected endpoint, with the same checks")
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        Api.Reply login = RefreshCookies.login(email);
        String token = login.json().getString("token");
        String other = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply me = as("bearer", token, Api.request(Paths.ME).GET());
        assertEquals(200, me.status(), me.text());
        assertEquals(userId, me.json().getJsonObject("user").getString("id"));
        Api.Reply sessions = as("BEARER", token, Api.request("/api/v1/auth/sessions").GET());
        assertEquals(200, sessions.status(), sessions.text());
        assertEquals(2, sessions.json().getJsonArray("sessions").size(), sessions.text());

        Api.Reply revoked = as("bearer", token, Api.request("/api/v1/auth/sessions/" + Users.sid(other))
                .DELETE());
        assertEquals(200, revoked.status(), revoked.text());
        assertProblem(as("bearer", other, Api.request(Paths.ME).GET()), 401);

        Api.Reply changed = as("BEARER", token, Api.request(Paths.CHANGE_PASSWORD)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Api.json("current_password", Users.PASSWORD,
                        "password", Users.OTHER_PASSWORD, "confirm_password",
                        Users.OTHER_PASSWORD).build().toString())));
        assertEquals(200, changed.status(), changed.text());
        Users.login(email, Users.OTHER_PASSWORD);

        Api.Reply logout = as("bearer", token, Api.request("/api/v1/auth/logout/" + userId)
                .header("Cookie", "refresh_cookie=" + RefreshCookies.of(login).value())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, logout.status(), logout.text());
        assertProblem(as("bearer", token, Api.request(Paths.ME).GET()), 401);
        assertProblem(as("bearer", "not.a.token", Api.request(Paths.ME).GET()), 401);
        assertProblem(as("bearer", "", Api.request(Paths.ME).GET()), 401);
        Api.Reply publicEndpoint = as("bearer", "not.a.token", Api.request(Paths.LOGIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Api.json("email", email, "password", Users.OTHER_PASSWORD).build().toString())));
        assertProblem(publicEndpoint, 401);
    }

    private static Api.Reply as(String scheme, String token, HttpRequest.Builder request) {
        return Api.send(request.header("Authorization", scheme + " " + token));
    }

    /** The resources are application-scoped: the caller must come from each request, never from an earlier one. */
    @Test
    void interleavedCallersEachSeeThemselves() {
        String first = Users.newEmail();
        String second = Users.newEmail();
        String firstId = Users.register(first).getString("id");
        String secondId = Users.register(second).getString("id");
        String firstToken = Users.login(first, Users.PASSWORD).getString("token");
        String secondToken = Users.login(second, Users.PASSWORD).getString("token");

        for (int i = 0; i < 3; i++) {
            assertEquals(firstId, Api.get(Paths.ME, firstToken).json().getJsonObject("user").getString("id"));
            assertEquals(secondId, Api.get(Paths.ME, secondToken).json().getJsonObject("user").getString("id"));
        }
    }

    /**
     * More concurrent authenticated callers than the server has request threads (32), across several lifetimes of
     * the verifier's cached key set (1 s here). Payara refreshes that set inside a lock on a request thread; when it
     * fetched the set from the server's own JWKS URL, every thread could end up waiting on the lock with none left
     * to answer the fetch, and the server answered nothing more. Every call must be answered, and soon.
     */
    @Test
    void moreConcurrentCallersThanRequestThreadsAreAllAnswered() throws Exception {
        int callers = 200;
        String email = Users.newEmail();
        Users.register(email);
        String token = Users.login(email, Users.PASSWORD).getString("token");
        // HTTP/1.1, one connection per caller, as browsers and wrk call (HTTP/2 would multiplex them).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest me = Api.request(Paths.ME).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .GET().build();
        Instant end = Instant.now().plusSeconds(4);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answered.add(pool.submit(() -> {
                    int calls = 0;
                    while (Instant.now().isBefore(end)) {
                        HttpResponse<String> reply = client.send(me, HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, reply.statusCode(), reply.body());
                        calls++;
                    }
                    return calls;
                }));
            }
            for (Future<Integer> calls : answered) {
                assertTrue(calls.get(30, TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void meAnswersTheTokensUser() {
        String email = Users.newEmail();
        JsonObject user = Users.register(email);
        String token = Users.login(email, Users.PASSWORD).getString("token");

        Api.Reply reply = Api.get(Paths.ME, token);

        assertEquals(200, reply.status(), reply.text());
        JsonObject me = reply.json().getJsonObject("user");
        assertEquals(java.util.Set.of("user"), reply.json().keySet());
        for (String field : user.keySet()) {
            assertEquals(user.get(field), me.get(field), field + " as registration answered it");
        }
        assertEquals(java.util.Set.of("id", "name", "email", "email_verified_at", "locale", "new_device_notice",
                "pending_email"), me.keySet(), "and what only the owner sees");
    }

    @Test
    void missingOrMalformedTokensAre401Problems() {
        assertProblem(Api.get(Paths.ME), 401);
        assertProblem(Api.get(Paths.ME, "not-a-jwt"), 401);
        assertProblem(Api.send("GET", Paths.ME, Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401);
        String token = Users.accessToken();
        assertProblem(Api.get(Paths.ME, token.substring(0, token.length() - 4) + "AAAA"), 401);
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
}
