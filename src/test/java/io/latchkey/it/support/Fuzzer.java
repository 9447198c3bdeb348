package io.latchkey.it.support;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Generates malformed requests from a seed: wrong methods, paths, media types, bodies, headers and tokens. */
public final class Fuzzer {

    /** Classic injection and encoding payloads, each of which must come back as a 4xx problem or be stored inert. */
    public static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)--", "$1",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1:9/a}",
            "../../../../etc/passwd", "%00", "\\u0000", "\u202e\u0041\u0042", "\ud83d\udca9".repeat(40));

    public static final List<String> PATHS = List.of("/api/v1/register/user", "/api/v1/auth/login", "/api/v1/auth/me",
            "/api/v1/auth/verify/email", "/api/v1/auth/verify/resend/%s", "/api/v1/auth/password/reset",
            "/api/v1/auth/password/update", "/api/v1/auth/password", "/api/v1/auth/logout", "/api/v1/auth/logout/%s",
            "/api/v1/auth/tokens/refresh", "/api/v1/auth/sessions", "/api/v1/auth/sessions/%s",
            "/.well-known/jwks.json", "/.well-known/openid-configuration", "/api/v1/%s", "/api/%s");
    public static final List<String> METHODS = List.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD");
    public static final List<String> MEDIA_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/x-www-form-urlencoded", "text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/json; charset=latin1", "*/*", "garbage", "application/problem+json");
    public static final List<String> FIELDS = List.of("name", "email", "password", "confirm_password", "token",
            "current_password", "__proto__", "", "\u0000", "x".repeat(300));

    private Fuzzer() {
    }

    /** A generated request, and a description of it that is enough to replay it by hand. */
    public record Sample(HttpRequest.Builder request, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    public static Sample sample(Random random, String token) {
        String path = pick(random, PATHS);
        if (path.contains("%s")) {
            path = String.format(path, pick(random, List.of(UUID.randomUUID().toString(), "not-a-uuid", "%00",
                    "..%2F..%2Fetc", "x".repeat(1000), "%C3%28", "%27%20OR%201%3D1%20--")));
        }
        String method = pick(random, METHODS);
        byte[] body = body(random);
        HttpRequest.Builder request = Api.request(path)
                .method(method, method.equals("GET") || method.equals("HEAD") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (random.nextInt(5) > 0) {
            request.header("Content-Type", pick(random, MEDIA_TYPES));
        }
        switch (random.nextInt(6)) {
            case 0 -> request.header("Authorization", "Bearer " + token);
            case 1 -> request.header("Authorization", "Bearer " + mangle(random, token));
            case 2 -> request.header("Authorization", pick(random, List.of("Bearer", "Basic Og==", "Bearer a.b.c", "Negotiate x")));
            case 3 -> request.header("Cookie", "refresh_cookie=" + pick(random, List.of("lkrt_", "lkrt_AAAA", "x", mangle(random, token))));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            request.header("Origin", pick(random, List.of("https://evil.example.test", "null", "https://app.example.test", "%%")));
        }
        HttpRequest built = request.build();
        String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return new Sample(request, built.method() + " " + built.uri().getRawPath() + " " + built.headers().map()
                + " body[" + body.length + "]=" + shown);
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> randomBytes(random, random.nextInt(2000));
            case 2 -> ("{" + "\"a\":".repeat(random.nextInt(50)) + "}").getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[".repeat(random.nextInt(5000) + 1)).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"" + pick(random, FIELDS) + "\":" + pick(random, List.of("1", "true", "null", "[]", "{}",
                    "1e999", "-0", "\"\\ud800\"", "\"\\u0000\"")) + "}").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"" + pick(random, FIELDS) + "\":\"" + "y".repeat(random.nextInt(20000)) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 6 -> (pick(random, FIELDS) + "=" + pick(random, List.of("%", "%zz", "%ff%fe", "a&b=c&b=d", "+"))).getBytes(StandardCharsets.UTF_8);
            case 7 -> mangle(random, "{\"email\":\"a@example.test\",\"password\":\"correct horse battery staple\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> ("{\"email\":\"" + pick(random, Fuzzer.PAYLOADS).replace("\"", "\\\"")
                    + "\",\"password\":\"x\",\"token\":\"y\"}").getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(random, 17 * 1024);
        };
    }

    private static String mangle(Random random, String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < 1 + random.nextInt(5) && chars.length > 0; i++) {
            chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
        }
        return new String(chars);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
