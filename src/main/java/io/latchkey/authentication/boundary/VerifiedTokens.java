package io.latchkey.authentication.boundary;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens MicroProfile JWT has verified on this instance, each with what its verification told the
 * server (the caller and groups), until the token expires or the published key set changes. An SPA calls with the
 * same token for minutes: verifying it once, not on every call, spares the signature check, the key set parsed
 * again and Payara's per-request lookups, which together were the largest part of a protected call's CPU.
 *
 * <p>Only the exact text of a token MP-JWT accepted is found here, so nothing is accepted that MP-JWT would not
 * have accepted when it was first presented; the session behind it is still read on every call
 * ({@link AccessTokenGate}), so revocation still takes effect at once. A token is not found from its expiry on
 * (strictly, with no leeway), nor after the key set changed (a retired key is no longer trusted), nor after it
 * was dropped to bound memory.
 */
final class VerifiedTokens {

    /** What MP-JWT's verification handed to the server (groups null when it told none): replayed as it was. */
    record Verified(Principal caller, String[] groups, long expiresAt, long keySet) {
    }

    private final int capacity;
    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** The token's verification, while the token has not expired and was verified with the current key set. */
    Optional<Verified> find(String token, Instant now, long keySet) {
        Verified verified = tokens.get(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (verified.keySet() != keySet || now.getEpochSecond() >= verified.expiresAt()) {
            tokens.remove(token, verified);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /**
     * Remembers a verification. When full, the expired and superseded entries go first, and if that frees nothing
     * all of them: every token is then verified once more, which costs time and never safety.
     */
    void remember(String token, Principal caller, String[] groups, long expiresAt, long keySet, Instant now) {
        if (tokens.size() >= capacity) {
            long second = now.getEpochSecond();
            tokens.values().removeIf(verified -> verified.keySet() != keySet || second >= verified.expiresAt());
            if (tokens.size() >= capacity) {
                tokens.clear();
            }
        }
        tokens.put(token, new Verified(caller, groups == null ? null : groups.clone(), expiresAt, keySet));
    }

    int size() {
        return tokens.size();
    }
}
