package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.entity.Session;
import io.latchkey.tokens.boundary.AccessTokens;
import io.latchkey.tokens.boundary.AccessTokens.AccessToken;
import java.time.Instant;

/** What a login or a refresh hands out: the access token, and the refresh token for the cookie. */
public record Renewal(User user, AccessToken accessToken, String refreshToken, Instant refreshExpiresAt)
        implements SignInStep {

    /** The tokens of a session now: the access token says who the user is and how they signed in. */
    static Renewal of(User user, boolean admin, Session session, AccessTokens accessTokens,
                      RefreshTokens refreshTokens) {
        AccessTokens.Holder holder = new AccessTokens.Holder(user.id(), user.email(), user.isEmailVerified(), admin);
        return new Renewal(user,
                accessTokens.issue(holder, session.id(), new AccessTokens.SignIn(session.amr(), session.authTime())),
                refreshTokens.mint(session.id(), session.refreshGeneration()), session.refreshExpiresAt());
    }
}
