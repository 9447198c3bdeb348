package io.latchkey.authentication.boundary;

import io.latchkey.authentication.entity.Session;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Devices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user's sessions: see them, end one, end all but this one. */
@ApplicationScoped
@Path("v1/auth/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class SessionResource {

    @Inject
    Sessions sessions;

    @Inject
    Devices devices;

    /** A session as its owner sees it; {@code device} is the user agent made readable ("Chrome on Linux"). */
    @JsonbPropertyOrder({"id", "created_at", "last_used_at", "user_agent", "ip", "current", "amr", "auth_time", "device"})
    public record SessionView(String id, @JsonbProperty("created_at") Instant createdAt,
                              @JsonbProperty("last_used_at") Instant lastUsedAt,
                              @JsonbProperty("user_agent") @JsonbNillable String userAgent,
                              @JsonbNillable String ip, boolean current, List<String> amr,
                              @JsonbProperty("auth_time") Instant authTime, String device) {

        public static SessionView of(Session session, UUID current, Devices devices) {
            return new SessionView(session.id().toString(), session.createdAt(), session.lastUsedAt(),
                    session.userAgent(), ClientAddress.canonical(session.ip()), session.id().equals(current),
                    session.amr(), session.authTime(),
                    devices.describe(session.userAgent()));
        }
    }

    public record SessionList(List<SessionView> sessions) {
    }

    public record Revoked(String message, int revoked) {
    }

    @GET
    public SessionList list(@Context SecurityContext caller) {
        JsonWebToken jwt = Claims.of(caller);
        UUID current = Claims.sessionId(jwt);
        return new SessionList(sessions.live(Claims.userId(jwt)).stream().map(s -> SessionView.of(s, current, devices)).toList());
    }

    @DELETE
    @Path("{id}")
    public Revoked revoke(@PathParam("id") UUID sessionId, @Context SecurityContext caller) {
        sessions.revoke(Claims.userId(Claims.of(caller)), sessionId);
        return new Revoked("Session revoked", 1);
    }

    @DELETE
    public Revoked revokeOthers(@Context SecurityContext caller) {
        JsonWebToken jwt = Claims.of(caller);
        return new Revoked("Other sessions revoked", sessions.endOthers(Claims.userId(jwt), Claims.sessionId(jwt)));
    }
}
