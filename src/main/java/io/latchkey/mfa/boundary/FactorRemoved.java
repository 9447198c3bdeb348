package io.latchkey.mfa.boundary;

import java.util.UUID;

/**
 * A second factor was turned off: whoever signed in with it elsewhere is out, except the session that turned it off.
 * Fired in the transaction of the change; observed by the sessions.
 */
public record FactorRemoved(UUID userId, UUID keptSession) {
}
