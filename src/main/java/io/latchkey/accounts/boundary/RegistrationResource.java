package io.latchkey.accounts.boundary;

import io.latchkey.platform.Fields;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("v1/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @Inject
    Registration registration;

    @JsonbPropertyOrder({"message", "user"})
    public record Registered(String message, UserView user) {
    }

    @POST
    @Path("user")
    public Response register(Fields body) {
        var user = registration.register(body.textOrEmpty("name"), body.textOrEmpty("email"),
                body.textOrEmpty("password"), body.textOrEmpty("confirm_password"));
        return Response.status(Response.Status.CREATED)
                .entity(new Registered("User created successfully!", UserView.of(user)))
                .build();
    }
}
