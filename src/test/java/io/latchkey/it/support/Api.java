package io.latchkey.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the server under test, on loopback: what any SPA or script would send. */
public final class Api {

    /** The suite's METRICS_TOKEN (pom.xml): the operator's Prometheus presents it. */
    public static final String METRICS_TOKEN = "suite-metrics-token";
    public static final String BASE = "http://127.0.0.1:" + Integer.getInteger("it.http.port", 18080);
    /** HTTP/1.1, as browsers and curl speak to an http:// URL (the JDK's default would try an upgrade to h2c). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();
    private static volatile String clientAddress;

    private Api() {
    }

    /** A response with its body parsed when it is JSON. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String text) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public static JsonObjectBuilder json(String... keysAndValues) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    public static Reply post(String path, JsonObjectBuilder body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.build().toString()))
                .header("Content-Type", "application/json"));
    }

    public static Reply post(String path, String contentType, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType));
    }

    public static Reply get(String path) {
        return send(request(path).GET());
    }

    /** A GET as the operator's Prometheus makes it, with the suite's METRICS_TOKEN: readiness's details, metrics. */
    public static Reply operatorGet(String path) {
        return send(request(path).GET().header("Authorization", "Bearer " + METRICS_TOKEN));
    }

    public static Reply get(String path, String bearer) {
        return send(request(path).GET().header("Authorization", "Bearer " + bearer));
    }

    public static Reply send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request);
    }

    public static HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path))
                .timeout(Duration.ofSeconds(30));
        String client = clientAddress;
        return client == null ? request : request.setHeader("X-Forwarded-For", client);
    }

    /**
     * From now on, requests come from this client address: the suite runs the server behind a trusted proxy
     * (TRUSTED_PROXIES=127.0.0.1), as production does, and each test is a client of its own, so per-address
     * limits apply per test.
     */
    public static void actAs(String address) {
        clientAddress = address;
    }

    public static String clientAddress() {
        return clientAddress;
    }

    /** A client address no test has used yet (IPv6 documentation range). */
    public static String freshClientAddress() {
        return "2001:db8::" + Integer.toHexString(CLIENTS.incrementAndGet());
    }

    public static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Reply patch(String path, JsonObjectBuilder body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    public static Reply patch(String path, String bearer, JsonObjectBuilder body) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    /** A POST without a body, with an access token. */
    public static Reply postAs(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST with a JSON body and an access token. */
    public static Reply post(String path, String bearer, JsonObjectBuilder body) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    /** A DELETE with a JSON body (the step-up code of a sensitive action) and an access token. */
    public static Reply delete(String path, String bearer, JsonObjectBuilder body) {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    public static Reply delete(String path, String bearer) {
        return send("DELETE", path, Map.of("Authorization", "Bearer " + bearer));
    }

    /** The response headers but Date and Content-Length, which differ between any two answers. */
    public static Map<String, java.util.List<String>> headersButDate(Reply reply) {
        Map<String, java.util.List<String>> headers = new java.util.HashMap<>(reply.headers().map());
        headers.remove("date");
        headers.remove("content-length");
        return headers;
    }
}
