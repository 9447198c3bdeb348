package io.latchkey.throttling;

import io.latchkey.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Brute-force protection for every check of a password (login, password change), after OWASP's device cookies:
 * failures count per account and client address, so five wrong guesses from one address slow that address down
 * for that account and nobody else; and per account from anywhere, with a high limit, past which only devices that
 * have signed in to the account before get through. Counted per address typed, whether it has an account or not.
 */
@ApplicationScoped
public class PasswordGuessing {

    private static final String TOO_MANY = "Too many failed attempts for this account; try again later";

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    /** Refuses with 429 while this client, or every client without a device cookie, is held back. */
    public void require(String account, String clientAddress, boolean knownDevice) {
        throttle.blockedFor(pairKey(account, clientAddress)).ifPresent(wait -> {
            throw Problem.tooManyRequests(TOO_MANY, wait);
        });
        if (!knownDevice) {
            throttle.blockedFor(accountKey(account)).ifPresent(wait -> {
                throw Problem.tooManyRequests(TOO_MANY, wait);
            });
        }
    }

    public void failed(String account, String clientAddress) {
        throttle.failed(pairKey(account, clientAddress), limits.freeLoginFailures(), limits.firstDelay(), limits.maxDelay());
        throttle.failed(accountKey(account), limits.freeGlobalLoginFailures(), limits.firstDelay(), limits.maxDelay());
    }

    /** A right password forgives this client's failures (not the account's: an attacker must not be reset). */
    public void succeeded(String account, String clientAddress) {
        throttle.clear(pairKey(account, clientAddress));
    }

    private static String pairKey(String account, String clientAddress) {
        return Throttle.accountKey("login-pair", account + "|" + Optional.ofNullable(clientAddress).orElse(""));
    }

    private static String accountKey(String account) {
        return Throttle.accountKey("login-account", account);
    }
}
