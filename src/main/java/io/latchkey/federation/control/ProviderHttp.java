package io.latchkey.federation.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Latchkey's calls to providers: short timeouts, no redirects followed, bodies read up to 1 MiB, JSON only. A
 * provider that does not answer, or answers something else, is a {@link ProviderException}, never a hang.
 */
public class ProviderHttp {

    static final int MAX_BODY = 1 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** What went wrong talking to a provider: {@code unreachable} for an outage, else an answer not understood. */
    public static class ProviderException extends Exception {
        private final boolean unreachable;

        public ProviderException(String message, boolean unreachable) {
            super(message);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }

    /** A JSON object (or array, for GitHub's lists) and the status it came with. */
    public record Answer(int status, JsonStructure json) {
        public JsonObject object() throws ProviderException {
            if (json instanceof JsonObject object) {
                return object;
            }
            throw new ProviderException("expected a JSON object", false);
        }
    }

    public Answer get(URI uri, String bearer) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .header("User-Agent", "Latchkey");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.GET().build());
    }

    public Answer postForm(URI uri, String form, String basicAuthorization) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .header("User-Agent", "Latchkey").header("Content-Type", "application/x-www-form-urlencoded");
        if (basicAuthorization != null) {
            request.header("Authorization", "Basic " + basicAuthorization);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private Answer send(HttpRequest request) throws ProviderException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProviderException(request.uri() + " did not answer: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(request.uri() + " did not answer: interrupted", true);
        }
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ProviderException(request.uri() + " answered more than 1 MiB", false);
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProviderException(request.uri() + " broke off its answer", true);
        }
        if (response.statusCode() >= 500) {
            throw new ProviderException(request.uri() + " answered " + response.statusCode(), true);
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return new Answer(response.statusCode(), reader.read());
        } catch (JsonException | IllegalStateException e) {
            throw new ProviderException(request.uri() + " answered " + response.statusCode() + " without JSON", false);
        }
    }
}
