package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser's trip through an identity provider, one request at a time: Latchkey's start (a redirect and the flow's
 * cookie), the provider's login form (the suite's OpenID Connect provider: a subject and the claims to put in its
 * ID token), the callback back at Latchkey, and the SPA's completion.
 */
public final class ProviderSignIns {

    public static final String PROVIDERS = "/api/v1/auth/providers";
    public static final String IDENTITIES = "/api/v1/auth/identities";
    public static final String IDP = "http://127.0.0.1:" + Integer.getInteger("it.idp.port", 13080);

    private ProviderSignIns() {
    }

    /** A started flow: the provider's authorization URL the browser was sent to, and the cookie it was given. */
    public record Started(String authorizeUrl, String cookie) {
        public Map<String, String> parameters() {
            return query(URI.create(authorizeUrl));
        }
    }

    public static Started start(String provider, String returnTo) {
        Api.Reply reply = Api.get(PROVIDERS + "/" + provider + "/start?return_to=" + encode(returnTo));
        assertEquals(302, reply.status(), reply.text());
        return new Started(reply.header("Location"), cookieOf(reply));
    }

    /** The value of the flow's cookie in a Set-Cookie header of this reply. */
    public static String cookieOf(Api.Reply reply) {
        String set = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sso_flow="))
                .findFirst().orElse(null);
        assertNotNull(set, "no sso_flow cookie: " + reply.headers().map());
        return set.substring("sso_flow=".length(), set.indexOf(';'));
    }

    /** The provider's login form, submitted: its redirect to Latchkey's callback (with code and state). */
    public static String login(String authorizeUrl, String subject, JsonObject claims) {
        Api.Reply reply = Api.send(HttpRequest.newBuilder(URI.create(authorizeUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(subject) + "&claims="
                        + encode(claims.toString()))));
        assertEquals(302, reply.status(), reply.text());
        return reply.header("Location");
    }

    /** Claims of a person whose address the provider verified. */
    public static JsonObject verified(String email) {
        return Json.createObjectBuilder().add("email", email).add("email_verified", true).add("name", "Fed Erated")
                .build();
    }

    /** The browser follows the provider's redirect back, with its cookie (or none). */
    public static Api.Reply callback(String callbackUrl, String cookie) {
        HttpRequest.Builder request = Api.request(callbackUrl).GET();
        if (cookie != null) {
            request.header("Cookie", "sso_flow=" + cookie);
        }
        return Api.send(request);
    }

    /** The fragment of the SPA address a callback answered with: {@code sso=...} or {@code sso_error=...}. */
    public static Map<String, String> fragment(Api.Reply callback) {
        assertEquals(303, callback.status(), callback.text());
        URI spa = URI.create(callback.header("Location"));
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : spa.getRawFragment().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    /** The SPA completes the flow, in the browser holding the cookie (or none). */
    public static Api.Reply complete(String flow, String cookie) {
        HttpRequest.Builder request = Api.request(PROVIDERS + "/complete").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("flow", flow).build()
                        .toString()));
        if (cookie != null) {
            request.header("Cookie", "sso_flow=" + cookie);
        }
        return Api.send(request);
    }

    /** The whole trip for a person with these claims: the completion's reply (tokens, or the second step). */
    public static Api.Reply signIn(String provider, String subject, JsonObject claims) {
        Started started = start(provider, "/");
        Map<String, String> back = fragment(callback(login(started.authorizeUrl(), subject, claims),
                started.cookie()));
        String flow = back.get("sso");
        assertNotNull(flow, "the callback did not succeed: " + back);
        return complete(flow, started.cookie());
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
