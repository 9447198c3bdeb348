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

@ApplicationScoped
@Path("v1/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @Inject
    Registration registration;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Path("user")
    @SameOriginOnly
    public Response register(Fields body, @Context HttpServletRequest request) {
        return registration.register(Fields.of(body).as(RegistrationRequest.class), clientAddress.of(request),
                        request.getHeader("Accept-Language"))
                .map(user -> Response.status(Response.Status.CREATED)
                        .entity(new UserMessage("User created successfully!", UserView.of(user))))
                .orElseGet(() -> Response.accepted(new Message("Check your email to continue")))
                .build();
    }
}
