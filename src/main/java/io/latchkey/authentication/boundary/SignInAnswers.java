package io.latchkey.authentication.boundary;

import io.latchkey.web.Caching;
import io.latchkey.web.Problem;
import io.latchkey.accounts.boundary.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The answer of every way of signing in (password, second step, passkey, identity provider) and of a refresh: one shape for all. */
@ApplicationScoped
public class SignInAnswers {

    @Inject
    RefreshCookie cookie;

    @Inject
    DeviceCookie deviceCookies;

    /** A first step's answer: refused (401), the second step's token, or signed in. */
    public Response answer(SignInStep step) {
        if (step instanceof SignInStep.Refused refused) {
            throw Problem.unauthorized(refused.detail());
        }
        if (step instanceof SignInStep.SecondStepNeeded next) {
            return Response.ok(new AuthenticationResource.MfaRequired(true, next.mfaToken(), next.methods()))
                    .cacheControl(Caching.noStore()).build();
        }
        return signedIn((Renewal) step);
    }

    /** A completed sign-in: the tokens, and the cookie that marks this device as one the account signs in from. */
    public Response signedIn(Renewal renewal) {
        return Response.fromResponse(tokens(renewal))
                .header(HttpHeaders.SET_COOKIE, deviceCookies.issue(renewal.user().email())).build();
    }

    public Response tokens(Renewal renewal) {
        return Response.ok(new AuthenticationResource.LoggedIn(renewal.accessToken().token(),
                        renewal.accessToken().expiresInMillis(), UserView.of(renewal.user())))
                .header(HttpHeaders.SET_COOKIE, cookie.issue(renewal.refreshToken(), renewal.refreshExpiresAt()))
                .cacheControl(Caching.noStore())
                .build();
    }
}
