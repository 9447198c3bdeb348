package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Admins;
import io.latchkey.accounts.entity.User;
import io.latchkey.web.Problem;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.entity.Session;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.AccessTokens;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where every way of signing in begins and ends: each attempt is counted against its address, a first step that was
 * right goes on to the account's second step if it has one, and a completed sign-in starts a session, is recorded,
 * and answers the tokens of a login. A new way of signing in proves who the user is, and leaves the rest to this.
 */
@Stateless
public class SessionStart {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    @Inject
    SecondFactor secondFactor;

    @Inject
    ActionTokens actionTokens;

    @Inject
    AccessTokens accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    SignInOrigins origins;

    @Inject
    Admins admins;

    @Inject
    Audit audit;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "mfa.token.ttl", defaultValue = "PT5M")
    Duration mfaTokenLifetime;

    @Inject
    @ConfigProperty(name = "session.max.ttl", defaultValue = "P30D")
    Duration sessionLifetime;

    @Inject
    @ConfigProperty(name = "refresh.token.ttl")
    Duration refreshLifetime;

    /**
     * An account an admin disabled is answered as the way's wrong answer ({@code refusal}), whatever was proven; nothing
     * of the attempt is kept (the refusal rolls it back) but its audit record, which tells the operator why.
     */
    private void refuseDisabled(User user, String refusal) {
        if (user.isDisabled(clock.instant())) {
            audit.recordFailure(Audit.Event.LOGIN_DISABLED, user.id());
            telemetry.login(Telemetry.Login.FAILURE);
            throw Problem.unauthorized(refusal);
        }
    }

    /** Every way of signing in counts against the address's budget of login attempts. */
    public void attempt(Client client) {
        throttle.require("login-ip:" + client.address(), limits.loginPerIp(),
                "Too many login attempts from your address; try again later");
    }

    /**
     * The first step (a password, or a mailed code) was right: signed in, or for an account with a second factor,
     * the token of its second step, which remembers how the first was made.
     */
    public SignInStep firstStepDone(User user, String firstMethod, Client client, String refusal) {
        refuseDisabled(user, refusal);
        List<String> methods = secondFactor.methods(user.id());
        if (!methods.isEmpty()) {
            String mfaToken = actionTokens.issue(ActionToken.Kind.MFA_LOGIN, user.id(), mfaTokenLifetime,
                    user.credentialVersion(), firstMethod);
            audit.record(Audit.Event.LOGIN_SECOND_STEP, user.id(), null);
            telemetry.login(Telemetry.Login.SECOND_STEP);
            return new SignInStep.SecondStepNeeded(mfaToken, methods);
        }
        return signIn(user, List.of(firstMethod), client, refusal);
    }

    /** Signed in with these methods (the {@code amr} of the tokens): a session, and its first tokens. */
    public Renewal signIn(User user, List<String> methods, Client client, String refusal) {
        refuseDisabled(user, refusal);
        Instant now = clock.instant();
        user.signedIn(now);
        Session session = Session.start(user, methods, now, sessionLifetime, refreshLifetime, client.userAgent(),
                client.address());
        em.persist(session);
        em.flush();   // the user row and the session now, before any throttle row (see PasswordSignIn)
        origins.signedIn(user, client, now);
        audit.record(Audit.Event.LOGIN_SUCCEEDED, user.id(), session.id());
        telemetry.login(Telemetry.Login.SUCCESS);
        return Renewal.of(user, admins.isAdmin(user), session, accessTokens, refreshTokens);
    }
}
