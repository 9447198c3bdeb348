package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.tokens.boundary.AccessTokens;
import io.latchkey.tokens.boundary.AccessTokens.AccessToken;
import java.time.Instant;

/** What a login or a refresh hands out: the access token, and the refresh token for the cookie. */
public record Renewal(User user, AccessToken accessToken, String refreshToken, Instant refreshExpiresAt) {

    /** What the access token says of the user. */
    static AccessTokens.Holder holderOf(User user) {
        return new AccessTokens.Holder(user.id(), user.email(), user.isEmailVerified());
    }
}
