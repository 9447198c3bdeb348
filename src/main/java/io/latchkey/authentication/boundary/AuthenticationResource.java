package io.latchkey.authentication.boundary;

import io.latchkey.web.Caching;
import io.latchkey.web.Validation;
import io.latchkey.accounts.boundary.UserView;
import io.latchkey.accounts.boundary.EmailSignIn;
import io.latchkey.accounts.boundary.SignInCodeRequest;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import io.latchkey.web.Problem;
import io.latchkey.web.SameOriginOnly;
import io.latchkey.web.ClientAddress;
import io.latchkey.tokens.boundary.Claims;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

@ApplicationScoped
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationResource {

    /** What to check, as enrolment says: an app's code is wrong mostly because the phone's clock is off. */
    static final String WRONG_SECOND_STEP =
            "Invalid code; check that your device's time is set automatically, or use a recovery code";

    @Inject
    PasswordSignIn passwords;

    @Inject
    EmailedCodeSignIn mailedCodes;

    @Inject
    SecondStep secondSteps;

    @Inject
    Refresh refresh;

    @Inject
    Sessions sessions;

    @Inject
    RefreshCookie cookie;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Validation validation;

    @Inject
    SignInAnswers answers;

    @Inject
    EmailSignIn emailSignIn;

    @JsonbPropertyOrder({"token", "expires_in", "user"})
    public record LoggedIn(String token, @JsonbProperty("expires_in") long expiresIn, UserView user) {
    }

    /** The password was right; the account has a second factor. No token and no cookie yet. */
    @JsonbPropertyOrder({"mfa_required", "mfa_token", "methods"})
    public record MfaRequired(@JsonbProperty("mfa_required") boolean mfaRequired,
                             @JsonbProperty("mfa_token") String mfaToken, List<String> methods) {
    }

    @POST
    @Path("login")
    @SameOriginOnly
    public Response login(Fields body, @Context HttpServletRequest request) {
        LoginRequest login = validation.check(Fields.of(body).as(LoginRequest.class));
        return answer(passwords.login(login.email(), login.password(), Client.of(request, clientAddress)));
    }

    public record Enabled(boolean enabled) {
    }

    /** Whether sign-in by emailed code is on, for a sign-in page to offer it. */
    @GET
    @Path("login/email")
    public Enabled emailCodeEnabled() {
        return new Enabled(emailSignIn.isEnabled());
    }

    /** The same answer for every address: a code is mailed only to an account's, a moment later. */
    @POST
    @Path("login/email")
    @SameOriginOnly
    public Response emailCode(Fields body, @Context HttpServletRequest request) {
        emailSignIn.requireEnabled();
        SignInCodeRequest asked = validation.check(Fields.of(body).as(SignInCodeRequest.class));
        emailSignIn.request(EmailAddress.parse(asked.email()).orElseThrow(), clientAddress.of(request));
        return Response.accepted(new Message("If the address has an account, a code is on its way"))
                .cacheControl(Caching.noStore()).build();
    }

    /** The code of that mail with its address, or the token of its link: then as a login goes on. */
    @POST
    @Path("login/email/verify")
    @SameOriginOnly
    public Response emailCodeSignIn(Fields body, @Context HttpServletRequest request) {
        emailSignIn.requireEnabled();
        Fields fields = Fields.of(body);
        Client client = Client.of(request, clientAddress);
        if (fields.text("token").isPresent()) {
            if (fields.has("code")) {
                throw Problem.validation("code", "Send the code with the email, or the link's token, not both");
            }
            return answer(mailedCodes.link(fields.as(EmailCodeRequest.WithLink.class).token(), client));
        }
        EmailCodeRequest typed = validation.check(fields.as(EmailCodeRequest.class));
        return answer(mailedCodes.code(typed.email(), typed.code(), client)
                .orElseThrow(() -> Problem.unauthorized(EmailedCodeSignIn.BAD_CODE)));
    }

    private Response answer(SignInStep step) {
        return answers.answer(step);
    }

    @POST
    @Path("login/mfa")
    @SameOriginOnly
    public Response secondStep(Fields body, @Context HttpServletRequest request) {
        Fields fields = Fields.of(body);
        Client client = Client.of(request, clientAddress);
        Optional<String> credential = fields.objectText("credential");
        if (credential.isPresent()) {
            SecondStepRequest.WithPasskey step = validation.check(fields.as(SecondStepRequest.WithPasskey.class));
            if (!step.code().isEmpty()) {
                throw Problem.validation("code", "Send a code or a passkey's credential, not both");
            }
            return answers.signedIn(secondSteps.withPasskey(step.mfaToken(), credential.get(), client));
        }
        SecondStepRequest step = validation.check(fields.as(SecondStepRequest.class));
        return answers.signedIn(secondSteps.withCode(step.mfaToken(), step.code(), client)
                .orElseThrow(() -> Problem.unauthorized(WRONG_SECOND_STEP)));
    }

    @POST
    @Path("tokens/refresh")
    @SameOriginOnly
    public Response refresh(@CookieParam(RefreshCookie.NAME) String refreshToken) {
        return answers.tokens(refresh.refresh(refreshToken).orElseThrow(() -> Problem.unauthorized("Unauthorized")));
    }

    @POST
    @Path("logout")
    @SameOriginOnly
    public Response logout(@CookieParam(RefreshCookie.NAME) String refreshToken) {
        if (!sessions.logout(refreshToken)) {
            throw Problem.unauthorized("Unauthorized");
        }
        return loggedOut();
    }

    @POST
    @Path("logout/{userId}")
    @SameOriginOnly
    @RolesAllowed("user")
    public Response logout(@PathParam("userId") String userId, @CookieParam(RefreshCookie.NAME) String refreshToken,
                           @Context SecurityContext caller) {
        JsonWebToken jwt = Claims.of(caller);
        if (!userId.equals(jwt.getSubject())) {
            throw Problem.forbidden("You can only log yourself out");
        }
        if (!sessions.logout(Claims.userId(jwt), Claims.sessionId(jwt), refreshToken)) {
            throw Problem.forbidden("This refresh cookie belongs to another account's session");
        }
        return loggedOut();
    }

    private Response loggedOut() {
        return Response.ok(new Message("Logged out")).header(HttpHeaders.SET_COOKIE, cookie.clear())
                .cacheControl(Caching.noStore()).build();
    }

}
