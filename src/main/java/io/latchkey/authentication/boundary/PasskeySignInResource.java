package io.latchkey.authentication.boundary;

import io.latchkey.web.Caching;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.JsonText;
import io.latchkey.web.SameOriginOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Signing in with a passkey, alone or as the second step of a login, answered as login. The passkeys themselves, and
 * their ceremonies, are the second factor's ({@code mfa.boundary.PasskeyResource}, {@code Passkeys}).
 */
@ApplicationScoped
@Path("v1/auth/passkeys/login")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeySignInResource {

    @Inject
    PasskeySignIn passkeys;

    @Inject
    SecondStep secondSteps;

    @Inject
    ClientAddress clientAddress;

    @Inject
    SignInAnswers answers;

    /**
     * Without a body: options for a passkey alone (discoverable, no user named). With the {@code mfa_token} of a
     * right password: options for the second step, naming that account's passkeys.
     */
    @POST
    @Path("options")
    @SameOriginOnly
    public Response signInOptions(Fields body, @Context HttpServletRequest request) {
        String mfaToken = Fields.of(body).textOrEmpty("mfa_token");
        Client client = Client.of(request, clientAddress);
        return noStore(mfaToken.isEmpty() ? passkeys.options(client) : secondSteps.passkeyOptions(mfaToken, client));
    }

    @POST
    @SameOriginOnly
    public Response signIn(JsonText body, @Context HttpServletRequest request) {
        return answers.signedIn(passkeys.signIn(body.text(), Client.of(request, clientAddress)));
    }

    private static Response noStore(JsonObject options) {
        return Response.ok(options).cacheControl(Caching.noStore()).build();
    }
}
