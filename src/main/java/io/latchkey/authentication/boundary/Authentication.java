package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.boundary.EmailSignIn;
import io.latchkey.accounts.boundary.EmailVerification;
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
import io.latchkey.mfa.boundary.Owner;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.tokens.boundary.AccessTokens;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login with email and password, and for accounts with a second factor, its second step: the password step then
 * answers a single-use {@code mfa_token} instead of tokens, and the sign-in completes with that and a code.
 */
@Stateless
public class Authentication {

    @Inject
    Clock clock;

    static final String INVALID_CREDENTIALS = "Invalid email or password";
    static final String SECOND_STEP_EXPIRED = "This sign-in has expired or was completed; sign in again";
    static final String BAD_CODE = "The code is wrong or has expired";
    static final String BAD_LINK = "This sign-in link is invalid, used or expired";
    /** Stands in for the account of an unknown address, so that both look for a code alike. */
    private static final UUID NOBODY = new UUID(0, 0);

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
    SecondFactor secondFactor;

    @Inject
    ActionTokens actionTokens;

    @Inject
    Passkeys passkeys;

    @Inject
    SignInOrigins origins;

    @Inject
    EmailSignIn emailSignIn;

    @Inject
    EmailVerification verification;

    @Inject
    @ConfigProperty(name = "email.login.tries", defaultValue = "5")
    int emailCodeTries;

    @Inject
    @ConfigProperty(name = "mfa.token.ttl", defaultValue = "PT5M")
    Duration mfaTokenLifetime;

    @Inject
    @ConfigProperty(name = "mfa.token.tries", defaultValue = "5")
    int mfaTokenTries;

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
     * The try is counted before the password is checked, in a transaction of its own taken before this one has a
     * connection; a wrong password is answered {@link SignInStep.Refused}, not thrown, so that its audit record
     * commits with this transaction and a login never holds two connections (a burst of logins starved the pool).
     */
    public SignInStep login(String email, String password, String userAgent, String ip, String deviceCookie) {
        Optional<EmailAddress> address = EmailAddress.parse(email);
        // The account as typed, existing or not: a throttle must not tell which accounts exist.
        String account = address.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT));
        boolean knownDevice = deviceCookies.isFor(deviceCookie, account);
        try {
            attemptFrom(ip);
            guessing.attempt(account, ip, knownDevice);
        } catch (Problem throttled) {
            telemetry.login(Telemetry.Login.THROTTLED);
            throw throttled;
        }
        Optional<User> found = address.flatMap(accounts::byEmail);
        boolean matches = found.isPresent() ? verifyAndUpgrade(found.get(), password) : decoy(password);
        if (!matches) {
            guessing.failed(account, knownDevice);
            audit.record(Audit.Event.LOGIN_FAILED, found.map(User::id).orElse(null), null);
            telemetry.login(Telemetry.Login.FAILURE);
            return new SignInStep.Refused(INVALID_CREDENTIALS);
        }
        SignInStep step = firstStepDone(found.get(), Session.PASSWORD, userAgent, ip);
        guessing.succeeded(account, ip, knownDevice);   // throttle rows last: see THROTTLE_ROWS_LAST
        return step;
    }

    /**
     * Sign-in with the code mailed to the address: the newest code only, each code tried at most EMAIL_LOGIN_TRIES
     * times, and wrong codes counted per account and address as wrong passwords are. Empty when the code is wrong:
     * that commits (the count), so it is not thrown. An unknown address looks for a code alike and fails alike, with
     * the same statements: the count runs for no token, and the failure is recorded in this transaction for both (a
     * commit without a write skips the flush to disk, which a wrong code for an account would have had alone).
     */
    public Optional<SignInStep> emailCode(String email, String code, String userAgent, String ip) {
        emailSignIn.requireEnabled();
        Optional<EmailAddress> address = EmailAddress.parse(email);
        String account = address.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT));
        attemptFrom(ip);
        guessing.attempt(account, ip, false);
        Optional<User> found = address.flatMap(accounts::byEmail);
        Optional<ActionToken> token = actionTokens.newest(ActionToken.Kind.EMAIL_LOGIN,
                found.map(User::id).orElse(NOBODY), true);
        if (token.isEmpty() || !token.get().codeMatches(code)) {
            actionTokens.countWrongAnswer(token, emailCodeTries);
            audit.record(Audit.Event.LOGIN_FAILED, found.map(User::id).orElse(null), null);
            telemetry.login(Telemetry.Login.FAILURE);
            return Optional.empty();
        }
        token.get().use(clock.instant());
        SignInStep step = mailProven(found.get(), userAgent, ip);
        guessing.succeeded(account, ip, false);
        return Optional.of(step);
    }

    /** Sign-in with the link of the same mail: its token, spent once. */
    public SignInStep emailLink(String token, String userAgent, String ip) {
        emailSignIn.requireEnabled();
        attemptFrom(ip);
        ActionToken link = actionTokens.spend(ActionToken.Kind.EMAIL_LOGIN, token)
                .orElseThrow(() -> Problem.unauthorized(BAD_LINK));
        return mailProven(em.find(User.class, link.userId()), userAgent, ip);
    }

    /** The mailbox answered: that verifies the address, and is the first step of the sign-in. */
    private SignInStep mailProven(User user, String userAgent, String ip) {
        em.lock(user, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        verification.verifiedByMail(user);
        return firstStepDone(user, Session.ONE_TIME_CODE, userAgent, ip);
    }

    /**
     * The first step (a password, or a mailed code) was right: signed in, or for an account with a second factor,
     * the token of its second step, which remembers how the first was made.
     */
    private SignInStep firstStepDone(User user, String firstMethod, String userAgent, String ip) {
        List<String> methods = secondFactor.methods(user.id());
        if (!methods.isEmpty()) {
            String mfaToken = actionTokens.issue(ActionToken.Kind.MFA_LOGIN, user.id(), mfaTokenLifetime,
                    user.credentialVersion(), firstMethod);
            audit.record(Audit.Event.LOGIN_SECOND_STEP, user.id(), null);
            telemetry.login(Telemetry.Login.SECOND_STEP);
            return new SignInStep.SecondStepNeeded(mfaToken, methods);
        }
        return signIn(user, List.of(firstMethod), userAgent, ip);
    }

    /** The methods of a completed two-step sign-in: the first step's, then the second's. */
    private static List<String> twoSteps(ActionToken token, List<String> second) {
        String first = token.payload() == null ? Session.PASSWORD : token.payload();
        List<String> methods = new java.util.ArrayList<>(List.of(first));
        second.stream().filter(m -> !methods.contains(m)).forEach(methods::add);
        if (methods.size() == 1) {
            methods.add(Session.MULTIPLE_FACTORS); // a mailed code and an app's code: both "otp"
        }
        return List.copyOf(methods);
    }

    /**
     * The second step: the {@code mfa_token} of a right password and a code. Empty when the code is wrong: that
     * commits (the token's count of wrong codes, and after {@code MFA_TOKEN_TRIES} of them, its end), so it is not
     * thrown. A token that is unknown, spent, expired, of another kind, or whose user's credentials changed since
     * the password step is refused with 401 and changes nothing.
     */
    public Optional<Renewal> secondStep(String mfaToken, String code, String userAgent, String ip, String deviceCookie) {
        ActionToken token = secondStepToken(mfaToken, ip);
        User user = em.find(User.class, token.userId());
        Instant now = clock.instant();
        boolean knownDevice = deviceCookies.isFor(deviceCookie, user.email());
        if (secondFactor.verifyAtSignIn(owner(user), code, ip, knownDevice) == SecondFactor.Check.WRONG) {
            token.wrongAnswer(mfaTokenTries, now);
            telemetry.login(Telemetry.Login.FAILURE);
            return Optional.empty();
        }
        token.use(now);
        Renewal renewal = signIn(user, twoSteps(token, List.of(Session.ONE_TIME_CODE)), userAgent, ip);
        secondFactor.succeededAtSignIn(owner(user), ip, knownDevice);
        return Optional.of(renewal);
    }

    /** The options of a passkey as the second step: the user's passkeys, and a challenge for this user only. */
    public JsonObject secondStepOptions(String mfaToken, String ip) {
        return passkeys.secondStepOptions(secondStepToken(mfaToken, ip).userId());
    }

    /**
     * The second step with a passkey instead of a code. A refused assertion is a 4xx problem and leaves the token as
     * it was: unlike a code, an assertion cannot be guessed, and its challenge is spent whatever the outcome.
     */
    public Renewal secondStepWithPasskey(String mfaToken, String response, String userAgent, String ip) {
        ActionToken token = secondStepToken(mfaToken, ip);
        Passkeys.Asserted asserted = passkeys.secondStep(token.userId(), response);
        token.use(clock.instant());
        return signIn(em.find(User.class, token.userId()), twoSteps(token, asserted.userVerified()
                ? List.of(Session.HARDWARE_KEY, Session.USER_VERIFIED) : List.of(Session.HARDWARE_KEY)), userAgent, ip);
    }

    /** The token of the password step, locked, if its user's credentials are still those it was issued for. */
    private ActionToken secondStepToken(String mfaToken, String ip) {
        attemptFrom(ip);
        ActionToken token = actionTokens.lock(ActionToken.Kind.MFA_LOGIN, mfaToken)
                .orElseThrow(() -> Problem.unauthorized(SECOND_STEP_EXPIRED));
        User user = em.find(User.class, token.userId());
        if (user == null || !token.isFor(user.credentialVersion())) {
            throw Problem.unauthorized(SECOND_STEP_EXPIRED);
        }
        return token;
    }

    /** Options for a sign-in with a passkey alone; counted as a login attempt of the address, as each makes a row. */
    public JsonObject passkeyOptions(String ip) {
        attemptFrom(ip);
        return passkeys.signInOptions();
    }

    /**
     * Sign-in with a passkey, no password: it satisfies a second factor too. A refusal is 401 or 400, whatever was
     * wrong with the assertion.
     */
    public Renewal passkeySignIn(String response, String userAgent, String ip) {
        attemptFrom(ip);
        Passkeys.Asserted asserted = passkeys.signIn(response);
        User user = Optional.ofNullable(em.find(User.class, asserted.userId()))
                .orElseThrow(() -> Problem.unauthorized("This passkey cannot be used here"));
        return signIn(user, asserted.userVerified() ? List.of(Session.HARDWARE_KEY, Session.USER_VERIFIED)
                : List.of(Session.HARDWARE_KEY), userAgent, ip);
    }

    /*
     * THROTTLE_ROWS_LAST: a right answer forgives its client's tries in this transaction, after everything else it
     * locks (the session's insert locks the user row for its foreign key). A password change locks the user row, then
     * its own counters: with the rows taken in the other order, a login and a change of the same account from one
     * address deadlocked (seen in CredentialChangeSecurityTests).
     */

    /** Every way of signing in counts against the address's budget of login attempts. */
    private void attemptFrom(String ip) {
        throttle.require("login-ip:" + ip, limits.loginPerIp(), "Too many login attempts from your address; try again later");
    }

    private static Owner owner(User user) {
        return People.owner(user);
    }

    private Renewal signIn(User user, List<String> methods, String userAgent, String ip) {
        Instant now = clock.instant();
        Session session = Session.start(user, methods, now, sessionLifetime, refreshLifetime, userAgent, ip);
        em.persist(session);
        origins.signedIn(user, userAgent, ip, now);
        audit.record(Audit.Event.LOGIN_SUCCEEDED, user.id(), session.id());
        telemetry.login(Telemetry.Login.SUCCESS);
        return Renewal.of(user, session, accessTokens, refreshTokens);
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
