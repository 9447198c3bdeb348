package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.boundary.EmailSignIn;
import io.latchkey.accounts.boundary.EmailVerification;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.throttling.PasswordGuessing;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing in with what was mailed to the address ({@link EmailSignIn} sends it): its code typed with the address, or
 * its link followed. Either proves the mailbox, and is the first step of the sign-in.
 */
@Stateless
public class EmailedCodeSignIn {

    static final String BAD_CODE = "The code is wrong or has expired";
    static final String BAD_LINK = "This sign-in link is invalid, used or expired";
    /** Stands in for the account of an unknown address, so that both look for a code alike. */
    private static final UUID NOBODY = new UUID(0, 0);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SessionStart sessions;

    @Inject
    Accounts accounts;

    @Inject
    EmailSignIn emailSignIn;

    @Inject
    EmailVerification verification;

    @Inject
    ActionTokens actionTokens;

    @Inject
    PasswordGuessing guessing;

    @Inject
    Audit audit;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "email.login.tries", defaultValue = "5")
    int emailCodeTries;

    /**
     * The newest code only, each code tried at most EMAIL_LOGIN_TRIES times, and wrong codes counted per account and
     * address as wrong passwords are. Empty when the code is wrong: that commits (the count), so it is not thrown. An
     * unknown address looks for a code alike and fails alike, with the same statements: the count runs for no token,
     * and the failure is recorded in this transaction for both (a commit without a write skips the flush to disk,
     * which a wrong code for an account would have had alone).
     */
    public Optional<SignInStep> code(String email, String code, Client client) {
        emailSignIn.requireEnabled();
        Optional<EmailAddress> address = EmailAddress.parse(email);
        String account = address.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT));
        sessions.attempt(client);
        guessing.attempt(account, client.address(), false);
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
        SignInStep step = mailProven(found.get(), client, BAD_CODE);
        guessing.succeeded(account, client.address(), false);   // last, as PasswordSignIn says why
        return Optional.of(step);
    }

    /** The link of the same mail: its token, spent once. */
    public SignInStep link(String token, Client client) {
        emailSignIn.requireEnabled();
        sessions.attempt(client);
        ActionToken link = actionTokens.spend(ActionToken.Kind.EMAIL_LOGIN, token)
                .orElseThrow(() -> Problem.unauthorized(BAD_LINK));
        return mailProven(em.find(User.class, link.userId()), client, BAD_LINK);
    }

    /** The mailbox answered: that verifies the address, and is the first step of the sign-in. */
    private SignInStep mailProven(User user, Client client, String refusal) {
        em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        verification.verifiedByMail(user);
        return sessions.firstStepDone(user, Session.ONE_TIME_CODE, client, refusal);
    }
}
