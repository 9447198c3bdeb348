package io.latchkey.web;

import jakarta.ejb.ApplicationException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * An error that is the client's to see: it carries its type and a detail written for the client, and becomes an
 * RFC 9457 problem body in {@link ProblemMapper}. As an application exception it rolls back the transaction it
 * crosses and reaches the mapper unwrapped.
 */
@ApplicationException(rollback = true)
public class Problem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemType type;
    private final String detail;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;
    private final List<String> provider;

    public Problem(ProblemType type, String detail) {
        this(type, detail, List.of(), 0);
    }

    private Problem(ProblemType type, String detail, List<FieldError> errors, long retryAfterSeconds) {
        this(type, detail, errors, retryAfterSeconds, List.of());
    }

    private Problem(ProblemType type, String detail, List<FieldError> errors, long retryAfterSeconds,
                    List<String> provider) {
        super(detail, null, false, false);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.provider = provider;
        // Every 503 says when to come back: clients and balancers retry on it rather than give up.
        this.retryAfterSeconds = retryAfterSeconds == 0 && type == ProblemType.SERVICE_UNAVAILABLE
                ? DEFAULT_RETRY_AFTER.toSeconds() : retryAfterSeconds;
    }

    public static Problem of(ProblemType type) {
        return new Problem(type, type.defaultDetail());
    }

    public static Problem badRequest(String detail) {
        return new Problem(ProblemType.BAD_REQUEST, detail);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(ProblemType.UNAUTHORIZED, detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(ProblemType.FORBIDDEN, detail);
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(ProblemType.VALIDATION, errors.get(0).msg(), errors, 0);
    }

    /** The service cannot take the request now; the client is told when to come back. */
    public static Problem unavailable(String detail, Duration retryAfter) {
        return new Problem(ProblemType.SERVICE_UNAVAILABLE, detail, List.of(), Math.max(1, retryAfter.toSeconds()));
    }

    /** A throttled request, told when to come back (whole seconds, at least 1). */
    public static Problem tooManyRequests(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Problem(ProblemType.TOO_MANY_REQUESTS, detail, List.of(), seconds);
    }

    /** An address of a domain whose organisation signs in through this identity provider (its id and label). */
    public static Problem ssoRequired(String providerId, String providerName) {
        return new Problem(ProblemType.SSO_REQUIRED, "Sign in with " + providerName, List.of(), 0,
                List.of(providerId, providerName));
    }

    public static Problem validation(String param, String msg) {
        return validation(List.of(new FieldError(param, msg)));
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds for the Retry-After header of a throttled request; 0 when there is none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Answers with this problem outside JAX-RS (servlet filters, the container's error pages). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(type.status());
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(toJson());
    }

    /** The body: {@code message} repeats {@code detail} for clients of the reference API. */
    public String toJson() {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", detail)
                .add("message", detail);
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            errors.forEach(e -> list.add(Json.createObjectBuilder()
                    .add("param", e.param()).add("msg", e.msg()).add("location", e.location())));
            body.add("data", Json.createObjectBuilder().add("errors", list));
        }
        if (!provider.isEmpty()) {
            body.add("provider", Json.createObjectBuilder().add("id", provider.get(0)).add("name", provider.get(1)));
        }
        return body.build().toString();
    }
}
