package io.latchkey.web;

/**
 * The one vocabulary of errors. Each kind knows its HTTP status and its title; the detail is per occurrence.
 */
public enum ProblemType {
    BAD_REQUEST(400, "bad-request", "Bad request", "The request is malformed"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized", "Unauthorized"),
    /** A sensitive action needs a recent sign-in or a second-factor code (mfa_code) in the request. */
    STEP_UP_REQUIRED(401, "step-up-required", "Step-up required", "Confirm it is you: sign in again"),
    FORBIDDEN(403, "forbidden", "Forbidden", "Forbidden"),
    /** The address's domain signs in through its organisation's identity provider, named in {@code provider}. */
    SSO_REQUIRED(403, "sso-required", "Sign in with your organisation",
            "This address signs in through its organisation's identity provider"),
    NOT_FOUND(404, "not-found", "Not found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed", "This method is not allowed here"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable", "Only application/json responses are available"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout", "The request did not arrive in time"),
    CONFLICT(409, "conflict", "Conflict", "The request conflicts with the current state"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large", "The request body is larger than 16 KiB"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type",
            "Send application/json or application/x-www-form-urlencoded"),
    VALIDATION(422, "validation", "Validation failed", "Some fields are invalid"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests", "Too many requests; try again later"),
    INTERNAL(500, "internal", "Internal error", "An unexpected error occurred"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable",
            "The service is temporarily unavailable; try again shortly");

    private final int status;
    private final String slug;
    private final String title;
    private final String defaultDetail;

    ProblemType(int status, String slug, String title, String defaultDetail) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.defaultDetail = defaultDetail;
    }

    /** The detail given when the occurrence has nothing more specific (and nothing safe) to say. */
    public String defaultDetail() {
        return defaultDetail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "urn:latchkey:problem:" + slug;
    }

    /** The type for a status that arrives without one (from the container or the JAX-RS runtime). */
    public static ProblemType ofStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
