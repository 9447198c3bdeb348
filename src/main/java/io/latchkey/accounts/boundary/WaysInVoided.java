package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import java.time.Instant;

/**
 * A recovery voided the ways in added to the account since this instant (all of them for {@link Instant#EPOCH}):
 * those that capabilities above accounts hold, such as the identity providers' accounts linked to it, go too. Fired
 * synchronously in the recovery's transaction by {@link Recovery}, beside the factors it removes itself.
 */
public record WaysInVoided(User user, Instant since) {
}
