package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.throttling.PasswordGuessing;
import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** Signing in with email and password: the login of the reference API. */
@Stateless
public class PasswordSignIn {

    static final String INVALID_CREDENTIALS = "Invalid email or password";

    @Inject
    Clock clock;

    @Inject
    io.latchkey.accounts.boundary.SingleSignOn singleSignOn;

    @Inject
    SessionStart sessions;

    @Inject
    Accounts accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordGuessing guessing;

    @Inject
    DeviceCookie deviceCookies;

    @Inject
    Audit audit;

    @Inject
    Telemetry telemetry;

    /**
     * Unknown email and wrong password fail alike, in body and in time: a missing account costs one hash too.
     * Unverified users may log in; their token says so. The session records the credentials it was signed in
     * with: if the password changes while this login checks the old one, the session is over before it is used.
     * The try is counted before the password is checked, in a transaction of its own taken before this one has a
     * connection; a wrong password is answered {@link SignInStep.Refused}, not thrown, so that its audit record
     * commits with this transaction and a login never holds two connections (a burst of logins starved the pool).
     */
    public SignInStep login(String email, String password, Client client) {
        singleSignOn.refuseIfRequired(email);
        Optional<EmailAddress> address = EmailAddress.parse(email);
        // The account as typed, existing or not: a throttle must not tell which accounts exist.
        String account = address.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT));
        boolean knownDevice = deviceCookies.isFor(client.deviceCookie(), account);
        try {
            sessions.attempt(client);
            guessing.attempt(account, client.address(), knownDevice);
        } catch (Problem throttled) {
            telemetry.login(Telemetry.Login.THROTTLED);
            throw throttled;
        }
        Optional<User> found = address.flatMap(accounts::byEmail);
        boolean matches = found.isPresent() ? verifyAndUpgrade(found.get(), password) : decoy(password);
        // A disabled account is answered as a wrong password is, after the same work: the answer tells no one that
        // the password was right, and the audit trail tells the operator why the sign-in failed.
        boolean disabled = matches && found.get().isDisabled(clock.instant());
        if (!matches || disabled) {
            guessing.failed(account, knownDevice);
            audit.record(disabled ? Audit.Event.LOGIN_DISABLED : Audit.Event.LOGIN_FAILED,
                    found.map(User::id).orElse(null), null);
            telemetry.login(Telemetry.Login.FAILURE);
            return new SignInStep.Refused(INVALID_CREDENTIALS);
        }
        SignInStep step = sessions.firstStepDone(found.get(), Session.PASSWORD, client, INVALID_CREDENTIALS);
        // A right answer forgives its client's tries last, after everything else it locks (the session's insert
        // locks the user row for its foreign key). A password change locks the user row, then its own counters:
        // with the rows taken in the other order, a login and a change of the same account from one address
        // deadlocked (seen in CredentialChangeSecurityTests).
        guessing.succeeded(account, client.address(), knownDevice);
        return step;
    }

    /** Checks the password; a hash made under an older policy is made again while the password is at hand. */
    private boolean verifyAndUpgrade(User user, String password) {
        if (!user.hasPassword()) {
            return decoy(password);
        }
        PasswordHasher.Verification verification = hasher.verify(password, user.passwordHash());
        if (verification.matches() && verification.needsRehash()) {
            accounts.upgradePasswordHash(user, user.passwordHash(), hasher.hash(password));
        }
        return verification.matches();
    }

    /** The same work as a real check, for an account that does not exist. */
    private boolean decoy(String password) {
        hasher.verifyDecoy(password);
        return false;
    }
}
