package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import java.util.Optional;
import java.util.UUID;

/**
 * A password was changed or reset, or an address verified for the first time: every session of the account ends,
 * except the one that made a password change, which lives on with the new credentials. Fired synchronously inside
 * the change's transaction; authentication, which sits above accounts, ends the sessions.
 */
public record CredentialsChanged(User user, Optional<UUID> keptSession) {

    public static CredentialsChanged endingEverySession(User user) {
        return new CredentialsChanged(user, Optional.empty());
    }

    public static CredentialsChanged keeping(User user, UUID session) {
        return new CredentialsChanged(user, Optional.of(session));
    }
}
