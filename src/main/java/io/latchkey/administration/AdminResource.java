package io.latchkey.administration;

import io.latchkey.accounts.boundary.AccountAdministration.Account;
import io.latchkey.administration.AdminAccess.Admin;
import io.latchkey.telemetry.AuditTrail;
import io.latchkey.web.Caching;
import io.latchkey.web.Fields;
import io.latchkey.web.JsonText;
import io.latchkey.web.Message;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import io.latchkey.web.SameOriginOnly;
import io.latchkey.web.Validation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin API. MicroProfile JWT lets in the {@code admin} group; {@link AdminAccess} checks the rest on every call.
 * Nothing here is cached: every answer is {@code no-store}.
 */
@ApplicationScoped
@Path("v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminResource {

    static final String MFA_CODE_HEADER = "X-MFA-Code";
    static final int MAX_BULK = 200;   // 200 ids fit the 16 KiB body limit twice over

    @Inject
    AdminAccess access;

    @Inject
    UserDirectory directory;

    @Inject
    AdminActions actions;

    @Inject
    AuditTrail trail;

    @Inject
    Validation validation;

    @GET
    @Path("users")
    public Response users(@Context UriInfo uri, @Context SecurityContext caller, @Context HttpServletRequest request) {
        access.require(caller, request);
        return noStore(directory.search(UserQuery.of(uri.getQueryParameters())));
    }

    @GET
    @Path("users/{id}")
    public Response user(@PathParam("id") UUID id, @Context SecurityContext caller,
                         @Context HttpServletRequest request) {
        access.require(caller, request);
        return noStore(directory.detail(id));
    }

    @POST
    @Path("users/{id}/{action}")
    @SameOriginOnly
    public Response act(@PathParam("id") UUID id, @PathParam("action") String action, Fields body,
                        @HeaderParam(MFA_CODE_HEADER) String mfaHeader, @Context SecurityContext caller,
                        @Context HttpServletRequest request) {
        Fields fields = Fields.of(body);
        if (action.equals("disable")) {
            AdminRequests.Disable asked = validation.check(fields.as(AdminRequests.Disable.class));
            Admin admin = access.requireRecent(caller, request, code(asked.mfaCode(), mfaHeader));
            Instant until = asked.until().isBlank() ? null : instant(asked.until());
            return done("User disabled; every session ended",
                    actions.disable(admin, id, reason(asked.reason()), until));
        }
        AdminRequests.Action asked = validation.check(fields.as(AdminRequests.Action.class));
        String reason = reason(asked.reason());
        String code = code(asked.mfaCode(), mfaHeader);
        return switch (action) {
            case "enable" -> done("User enabled", actions.enable(access.require(caller, request), id, reason));
            case "logout" -> noStore(new AdminViews.Count("Every session of the user ended",
                    actions.logout(access.require(caller, request), id, reason)));
            case "resend-verification" -> done("Verification link mailed",
                    actions.resendVerification(access.require(caller, request), id, reason));
            case "verify" -> done("Address verified; earlier sessions ended",
                    actions.verify(access.require(caller, request), id, reason));
            case "reset-password" -> done("Reset link mailed",
                    actions.resetPassword(access.require(caller, request), id, reason));
            case "remove-mfa" -> done("Authenticator app and passkeys removed; every session ended",
                    actions.removeSecondFactors(access.requireRecent(caller, request, code), id, reason));
            case "grant-admin" -> done("Admin granted",
                    actions.grantAdmin(access.requireRecent(caller, request, code), id, reason));
            case "revoke-admin" -> done("Admin revoked",
                    actions.revokeAdmin(access.requireRecent(caller, request, code), id, reason));
            default -> throw new Problem(ProblemType.NOT_FOUND, "No such action");
        };
    }

    @DELETE
    @Path("users/{id}")
    @SameOriginOnly
    public Message delete(@PathParam("id") UUID id, Fields body, @HeaderParam(MFA_CODE_HEADER) String mfaHeader,
                          @Context SecurityContext caller, @Context HttpServletRequest request) {
        AdminRequests.Action asked = validation.check(Fields.of(body).as(AdminRequests.Action.class));
        Admin admin = access.requireRecent(caller, request, code(asked.mfaCode(), mfaHeader));
        actions.delete(admin, id, reason(asked.reason()));
        return new Message("User deleted");
    }

    /** {@code {"users": [ids]}} or {@code {"all": true}}, with an optional {@code reason}. */
    @POST
    @Path("sessions/revoke")
    @SameOriginOnly
    public Response revokeSessions(JsonText body, @HeaderParam(MFA_CODE_HEADER) String mfaHeader,
                                   @Context SecurityContext caller, @Context HttpServletRequest request) {
        JsonObject asked = object(body);
        String reason = reason(text(asked, "reason"));
        boolean all = asked.containsKey("all") && asked.get("all") == JsonValue.TRUE;
        if (asked.containsKey("all") && !all && asked.get("all") != JsonValue.FALSE) {
            throw Problem.validation("all", "Must be true or false");
        }
        if (all == asked.containsKey("users")) {
            throw Problem.validation("users", "Send users (a list of ids) or all: true, one of them");
        }
        Admin admin = access.requireRecent(caller, request, code(text(asked, "mfa_code"), mfaHeader));
        if (all) {
            return noStore(new AdminViews.Count("Every session ended", actions.revokeEverySession(admin, reason)));
        }
        return noStore(new AdminViews.Count("Sessions ended", actions.revokeSessions(admin, ids(asked), reason)));
    }

    @GET
    @Path("audit")
    public Response audit(@Context UriInfo uri, @Context SecurityContext caller, @Context HttpServletRequest request) {
        access.require(caller, request);
        AuditQuery query = AuditQuery.of(uri.getQueryParameters());
        List<AuditTrail.Entry> entries = trail.page(query.filter(), query.limit() + 1);
        String next = null;
        if (entries.size() > query.limit()) {
            entries = entries.subList(0, query.limit());
            next = Long.toString(entries.get(entries.size() - 1).id());
        }
        return noStore(new AdminViews.EventPage(entries.stream().map(AdminViews.Event::of).toList(), next));
    }

    private static Response done(String message, Account account) {
        return noStore(new AdminViews.Done(message, AdminViews.UserSummaryOfAction.of(account)));
    }

    private static Response noStore(Object body) {
        return Response.ok(body).cacheControl(Caching.noStore()).build();
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    private static String code(String body, String header) {
        return body != null && !body.isBlank() ? body : header;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            throw Problem.validation("until", "Must be an instant (2026-12-31T00:00:00Z)");
        }
    }

    private static JsonObject object(JsonText body) {
        if (body == null) {
            throw Problem.validation("users", "Send users (a list of ids) or all: true, one of them");
        }
        try (var reader = Json.createReader(new StringReader(body.text()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException notAnObject) {
            throw Problem.badRequest("The body must be a JSON object");
        }
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            if (name.equals("reason") && string.getString().strip().length() > AdminRequests.MAX_REASON) {
                throw Problem.validation(name, "Reason must be at most " + AdminRequests.MAX_REASON + " characters");
            }
            return string.getString();
        }
        throw Problem.validation(name, "Must be a string");
    }

    private static List<UUID> ids(JsonObject asked) {
        JsonValue users = asked.get("users");
        if (!(users instanceof jakarta.json.JsonArray list) || list.isEmpty() || list.size() > MAX_BULK) {
            throw Problem.validation("users", "Must be a list of 1 to " + MAX_BULK + " user ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonValue value : list) {
            Optional<UUID> id = value instanceof JsonString s ? parse(s.getString()) : Optional.empty();
            ids.add(id.orElseThrow(() -> Problem.validation("users", "Must be a list of user ids")));
        }
        return ids.stream().distinct().toList();
    }

    private static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
