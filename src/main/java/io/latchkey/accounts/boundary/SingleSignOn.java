package io.latchkey.accounts.boundary;

import io.latchkey.web.Problem;
import java.util.Optional;

/**
 * Enterprise SSO: the domains whose addresses sign in only through their organisation's identity provider
 * ({@code IDP_<ID>_DOMAINS}), refused by password, emailed code and reset link with a 403 that names the provider.
 * The providers sit above accounts: federation implements this, and CDI hands the implementation to the ways of
 * signing in here and in authentication.
 */
public interface SingleSignOn {

    /** The provider (id, label) this address must sign in through, if its domain is one of a provider's. */
    Optional<Required> requiredFor(String email);

    record Required(String providerId, String providerName) {
    }

    /** Refuses an address that must sign in through its provider; the answer depends on its domain alone. */
    default void refuseIfRequired(String email) {
        requiredFor(email).ifPresent(required -> {
            throw Problem.ssoRequired(required.providerId(), required.providerName());
        });
    }
}
