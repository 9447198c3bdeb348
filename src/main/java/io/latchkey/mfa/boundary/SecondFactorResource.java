package io.latchkey.mfa.boundary;

import io.latchkey.web.Caching;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import io.latchkey.web.Required;
import io.latchkey.web.Validation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user's second factor: set up an authenticator app, see it, turn it off, make new recovery codes.
 * Everything but reading it needs a step-up ({@link StepUp}).
 */
@ApplicationScoped
@Path("v1/auth/mfa")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class SecondFactorResource {

    @Inject
    SecondFactor secondFactor;

    @Inject
    StepUp stepUp;

    @Inject
    Validation validation;

    @Inject
    Callers callers;

    @JsonbPropertyOrder({"enabled", "methods", "totp", "recovery_codes_left"})
    public record StatusView(boolean enabled, List<String> methods, @JsonbProperty("totp") @JsonbNillable TotpView totp,
                             @JsonbProperty("recovery_codes_left") long recoveryCodesLeft) {
    }

    /** Nillable as a type too: Yasson writes a null record-typed property only then. */
    @JsonbNillable
    public record TotpView(@JsonbProperty("added_at") Instant addedAt) {
    }

    public record RecoveryCodesView(@JsonbProperty("recovery_codes") List<String> recoveryCodes) {
    }

    /** The body of {@code POST /mfa/totp/confirm}. */
    public record ConfirmRequest(@Required(message = "Code is required") String code) {
    }


    @GET
    public StatusView status(@Context HttpServletRequest request) {
        SecondFactor.Status status = secondFactor.status(callers.of(request).id());
        return new StatusView(status.enabled(), status.methods(), status.since().map(TotpView::new).orElse(null),
                status.recoveryCodesLeft());
    }

    @POST
    @Path("totp")
    public Response start(Fields body, @Context SecurityContext caller, @Context HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        Owner owner = callers.of(request);
        stepUp.requireForEnrolment(owner, Claims.amr(jwt), Claims.authTime(jwt),
                Fields.of(body).as(StepUpRequest.class).mfaCode());
        Enrolment enrolment = secondFactor.start(owner);
        return Response.ok(enrolment).cacheControl(Caching.noStore()).build();
    }

    @POST
    @Path("totp/confirm")
    public Response confirm(Fields body, @Context HttpServletRequest request) {
        ConfirmRequest confirm = validation.check(Fields.of(body).as(ConfirmRequest.class));
        return codes(secondFactor.confirm(callers.of(request), confirm.code()));
    }

    @DELETE
    @Path("totp")
    public Message disable(Fields body, @Context SecurityContext caller, @Context HttpServletRequest request) {
        Owner owner = steppedUp(body, caller, request);
        secondFactor.disable(owner, Claims.sessionId(Claims.of(caller)));
        return new Message("Two-step sign-in is off; your other sessions were signed out");
    }

    @POST
    @Path("recovery-codes")
    public Response replaceRecoveryCodes(Fields body, @Context SecurityContext caller,
                                         @Context HttpServletRequest request) {
        return codes(secondFactor.replaceRecoveryCodes(steppedUp(body, caller, request)));
    }

    private Owner steppedUp(Fields body, SecurityContext caller, HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        Owner owner = callers.of(request);
        stepUp.require(owner, Claims.authTime(jwt), Fields.of(body).as(StepUpRequest.class).mfaCode());
        return owner;
    }


    /** Recovery codes are shown once: no cache may keep them. */
    private static Response codes(List<String> codes) {
        return Response.ok(new RecoveryCodesView(codes)).cacheControl(Caching.noStore()).build();
    }
}
