package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.telemetry.Audit;
import io.latchkey.throttling.PasswordGuessing;
import io.latchkey.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * The owner's password, asked again before a sensitive change (a new password, a new address, deletion): checked as
 * a login checks it, throttled per account and client address, each failure audited, so a stolen access token is
 * no licence to guess it.
 */
@ApplicationScoped
public class PasswordCheck {

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordGuessing guessing;

    @Inject
    Audit audit;

    /** 429 while this client is held back for the account; 422 on {@code field} when the password is wrong. */
    public void require(User user, String password, String clientAddress, String field, String wrong) {
        String account = user.email().toLowerCase(Locale.ROOT);
        guessing.attempt(account, clientAddress, false);
        boolean right = user.hasPassword() ? hasher.verify(password, user.passwordHash()).matches()
                : decoy(password);
        if (!right) {
            audit.recordFailure(Audit.Event.PASSWORD_CHANGE_FAILED, user.id());
            throw Problem.validation(field, wrong);
        }
        guessing.succeeded(account, clientAddress, false);
    }

    /** An account without a password (see {@link User#forgetPassword}) costs a check too, and never matches. */
    private boolean decoy(String password) {
        hasher.verifyDecoy(password);
        return false;
    }
}
