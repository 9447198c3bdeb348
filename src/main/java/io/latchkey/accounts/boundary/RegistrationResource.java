package io.latchkey.accounts.boundary;

import io.latchkey.web.Fields;
import io.latchkey.web.SameOriginOnly;
import io.latchkey.web.Message;
import io.latchkey.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@ApplicationScoped
@Path("v1/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @Inject
    Registration registration;

    @Inject
    ClientAddress clientAddress;

    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RegisterRequest")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserMessage")))
    @APIResponse(responseCode = "202", description = "Accepted (conceal-existing-accounts mode)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Message")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "Validation")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @POST
    @Path("user")
    @SameOriginOnly
    public Response register(Fields body, @Context HttpServletRequest request) {
        body = Fields.of(body);
        return registration.register(body.textOrEmpty("name"), body.textOrEmpty("email"),
                        body.textOrEmpty("password"), body.textOrEmpty("confirm_password"), clientAddress.of(request))
                .map(user -> Response.status(Response.Status.CREATED)
                        .entity(new UserMessage("User created successfully!", UserView.of(user))))
                .orElseGet(() -> Response.accepted(new Message("Check your email to continue")))
                .build();
    }
}
