package io.latchkey.throttling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Brute-force protection for every check of a password (login, password change), after OWASP's device cookies:
 * failures count per account and client address, so five wrong guesses from one address slow that address down
 * for that account and nobody else; and per account from anywhere, with a high limit, past which only devices that
 * have signed in to the account before get through. Counted per address typed, whether it has an account or not,
 * and counted before the password is checked.
 */
@ApplicationScoped
public class PasswordGuessing {

    private static final String TOO_MANY = "Too many failed attempts for this account; try again later";

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    /**
     * Counts a try of a password for the account from this client before it is checked, and refuses it with 429
     * while this client, or (for a client without the account's device cookie) every client, is held back. Counted
     * first, so a burst gets no more tries than the same requests one at a time. A device that signed in to the
     * account before is not held back by the account-wide count; its failures are counted after the check.
     */
    public void attempt(String account, String clientAddress, boolean knownDevice) {
        throttle.attempt(pairKey(account, clientAddress), limits.freeLoginFailures(), limits.firstDelay(),
                limits.maxDelay(), TOO_MANY);
        if (!knownDevice) {
            throttle.attempt(accountKey(account), limits.freeGlobalLoginFailures(), limits.firstDelay(),
                    limits.maxDelay(), TOO_MANY);
        }
    }

    /** The password was wrong: counted already by {@link #attempt}, but for a known device's account-wide count. */
    public void failed(String account, boolean knownDevice) {
        if (knownDevice) {
            throttle.failed(accountKey(account), limits.freeGlobalLoginFailures(), limits.firstDelay(),
                    limits.maxDelay());
        }
    }

    /**
     * A right password forgives this client's failures, and takes back its own try from the account's count (not the
     * others': an attacker must not be reset).
     */
    public void succeeded(String account, String clientAddress, boolean knownDevice) {
        throttle.forgive(pairKey(account, clientAddress));
        if (!knownDevice) {
            throttle.refund(accountKey(account), limits.freeGlobalLoginFailures());
        }
    }

    private static String pairKey(String account, String clientAddress) {
        return Throttle.accountKey("login-pair", account + "|" + Optional.ofNullable(clientAddress).orElse(""));
    }

    private static String accountKey(String account) {
        return Throttle.accountKey("login-account", account);
    }
}
