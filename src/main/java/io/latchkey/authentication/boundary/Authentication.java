package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.entity.Session;
import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.web.Problem;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.PasswordGuessing;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.AccessTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Login with email and password. */
@Stateless
public class Authentication {

    @Inject
    Clock clock;

    static final String INVALID_CREDENTIALS = "Invalid email or password";

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    AccessTokens accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Throttle throttle;

    @Inject
    PasswordGuessing guessing;

    @Inject
    DeviceCookie deviceCookies;

    @Inject
    Limits limits;

    @Inject
    Audit audit;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "session.max.ttl", defaultValue = "P30D")
    Duration sessionLifetime;

    @Inject
    @ConfigProperty(name = "refresh.token.ttl")
    Duration refreshLifetime;


    /**
     * Unknown email and wrong password fail alike, in body and in time: a missing account costs one hash too.
     * Unverified users may log in; their token says so. The session records the credentials it was signed in
     * with: if the password changes while this login checks the old one, the session is over before it is used.
     */
    public Renewal login(String email, String password, String userAgent, String ip, String deviceCookie) {
        Optional<EmailAddress> address = EmailAddress.parse(email);
        // The account as typed, existing or not: a throttle must not tell which accounts exist.
        String account = address.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT));
        try {
            throttle.require("login-ip:" + ip, limits.loginPerIp(), "Too many login attempts from your address; try again later");
            guessing.require(account, ip, deviceCookies.isFor(deviceCookie, account));
        } catch (Problem throttled) {
            telemetry.login(Telemetry.Login.THROTTLED);
            throw throttled;
        }
        Optional<User> found = address.flatMap(accounts::byEmail);
        boolean matches = found.isPresent() ? verifyAndUpgrade(found.get(), password) : decoy(password);
        if (!matches) {
            guessing.failed(account, ip);
            audit.recordFailure(Audit.Event.LOGIN_FAILED, found.map(User::id).orElse(null));
            telemetry.login(Telemetry.Login.FAILURE);
            throw Problem.unauthorized(INVALID_CREDENTIALS);
        }
        guessing.succeeded(account, ip);
        User user = found.get();
        Instant now = clock.instant();
        Session session = Session.start(user, now, sessionLifetime, refreshLifetime, userAgent, ip);
        em.persist(session);
        audit.record(Audit.Event.LOGIN_SUCCEEDED, user.id(), session.id());
        telemetry.login(Telemetry.Login.SUCCESS);
        return new Renewal(user, accessTokens.issue(Renewal.holderOf(user), session.id()),
                refreshTokens.mint(session.id(), session.refreshGeneration()), session.refreshExpiresAt());
    }

    /** Checks the password; a hash made under an older policy is made again while the password is at hand. */
    private boolean verifyAndUpgrade(User user, String password) {
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
