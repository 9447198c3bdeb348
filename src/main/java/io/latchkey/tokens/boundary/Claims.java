package io.latchkey.tokens.boundary;

import io.latchkey.web.Problem;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reading Latchkey's own claims from a verified access token, the same way on every MP-JWT implementation. */
public final class Claims {

    private Claims() {
    }

    /**
     * The verified access token of this request, as MP-JWT put it in the security context. Resources are
     * application-scoped, so they take it per call rather than holding an injected token.
     */
    public static JsonWebToken of(SecurityContext caller) {
        if (caller.getUserPrincipal() instanceof JsonWebToken jwt) {
            return jwt;
        }
        throw Problem.unauthorized("Unauthorized");
    }

    public static UUID userId(JsonWebToken jwt) {
        return uuid(jwt.getSubject());
    }

    public static UUID sessionId(JsonWebToken jwt) {
        Object sid = jwt.getClaim("sid");
        return uuid(sid instanceof JsonString text ? text.getString() : sid == null ? null : sid.toString());
    }

    /** When the holder signed in; empty for tokens issued before the claim existed. */
    public static Optional<Instant> authTime(JsonWebToken jwt) {
        Object claim = jwt.getClaim("auth_time");
        if (claim instanceof JsonNumber number) {
            return Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        return claim instanceof Number number ? Optional.of(Instant.ofEpochSecond(number.longValue())) : Optional.empty();
    }

    /** How the holder signed in (RFC 8176 values); empty when the token does not say. */
    public static java.util.List<String> amr(JsonWebToken jwt) {
        Object claim = jwt.getClaim("amr");
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(v -> v instanceof JsonString text ? text.getString() : String.valueOf(v)).toList();
        }
        return java.util.List.of();
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.unauthorized("Unauthorized");
        }
    }
}
