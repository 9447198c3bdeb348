package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The refresh cookie as a browser would keep and send it. */
public final class RefreshCookies {

    /** REFRESH_REUSE_INTERVAL as the suite configures it. */
    public static final java.time.Duration REUSE_INTERVAL = java.time.Duration.ofSeconds(2);

    private RefreshCookies() {
    }

    /** The refresh_cookie of a response: its value, and its attributes by lower-case name. */
    public record SetCookie(String value, Map<String, String> attributes) {
        public String attribute(String name) {
            return attributes.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static SetCookie of(Api.Reply reply) {
        String header = reply.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("refresh_cookie=")).findFirst()
                .orElseThrow(() -> new AssertionError("no refresh_cookie in " + reply.headers().map()));
        String[] parts = header.split(";");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].strip().split("=", 2);
            attributes.put(pair[0].toLowerCase(Locale.ROOT), pair.length > 1 ? pair[1] : "");
        }
        return new SetCookie(parts[0].substring("refresh_cookie=".length()), attributes);
    }

    /** Logs in and returns the response (token in the body, refresh cookie in the header). */
    public static Api.Reply login(String email) {
        Api.Reply reply = Api.post(Paths.LOGIN, Api.json("email", email, "password", Users.PASSWORD));
        assertEquals(200, reply.status(), reply.text());
        return reply;
    }

    public static Api.Reply refresh(String cookie) {
        return refresh(cookie, Map.of());
    }

    public static Api.Reply refresh(String cookie, Map<String, String> headers) {
        HttpRequest.Builder request = Api.request(Paths.REFRESH).POST(HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", "refresh_cookie=" + cookie);
        }
        headers.forEach(request::header);
        return Api.send(request);
    }

    public static Api.Reply post(String path, String cookie, String bearer) {
        HttpRequest.Builder request = Api.request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", "refresh_cookie=" + cookie);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Api.send(request);
    }
}
