package io.latchkey.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a declared body over the limit before anything reads it, on every endpoint, including those that take
 * no body. A body of unknown length is bounded while it is read, in {@link FieldsReader}.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOverLimit(length)) {
            throw Problem.of(ProblemType.PAYLOAD_TOO_LARGE);
        }
    }

    private static boolean isOverLimit(String length) {
        try {
            return Long.parseLong(length.trim()) > FieldsReader.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            throw Problem.badRequest("The Content-Length header is not a number");
        }
    }
}
