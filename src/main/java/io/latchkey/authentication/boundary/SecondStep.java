package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The second step of an account with a second factor: the single-use {@code mfa_token} its first step answered,
 * with an app's code, a recovery code, or a passkey.
 */
@Stateless
public class SecondStep {

    static final String EXPIRED = "This sign-in has expired or was completed; sign in again";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SessionStart sessions;

    @Inject
    SecondFactor secondFactor;

    @Inject
    Passkeys passkeys;

    @Inject
    ActionTokens actionTokens;

    @Inject
    DeviceCookie deviceCookies;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "mfa.token.tries", defaultValue = "5")
    int mfaTokenTries;

    /**
     * With a code. Empty when the code is wrong: that commits (the token's count of wrong codes, and after
     * {@code MFA_TOKEN_TRIES} of them, its end), so it is not thrown. A token that is unknown, spent, expired, of
     * another kind, or whose user's credentials changed since the first step is refused with 401 and changes nothing.
     */
    public Optional<Renewal> withCode(String mfaToken, String code, Client client) {
        ActionToken token = token(mfaToken, client);
        User user = em.find(User.class, token.userId());
        Instant now = clock.instant();
        boolean knownDevice = deviceCookies.isFor(client.deviceCookie(), user.email());
        if (secondFactor.verifyAtSignIn(People.owner(user), code, client.address(), knownDevice)
                == SecondFactor.Check.WRONG) {
            token.wrongAnswer(mfaTokenTries, now);
            telemetry.login(Telemetry.Login.FAILURE);
            return Optional.empty();
        }
        token.use(now);
        Renewal renewal = sessions.signIn(user, bothSteps(token, List.of(Session.ONE_TIME_CODE)), client, EXPIRED);
        secondFactor.succeededAtSignIn(People.owner(user), client.address(), knownDevice);
        return Optional.of(renewal);
    }

    /** The options of a passkey as the second step: the user's passkeys, and a challenge for this user only. */
    public JsonObject passkeyOptions(String mfaToken, Client client) {
        return passkeys.secondStepOptions(token(mfaToken, client).userId());
    }

    /**
     * With a passkey instead of a code. A refused assertion is a 4xx problem and leaves the token as it was: unlike a
     * code, an assertion cannot be guessed, and its challenge is spent whatever the outcome.
     */
    public Renewal withPasskey(String mfaToken, String response, Client client) {
        ActionToken token = token(mfaToken, client);
        Passkeys.Asserted asserted = passkeys.secondStep(token.userId(), response);
        token.use(clock.instant());
        return sessions.signIn(em.find(User.class, token.userId()),
                bothSteps(token, PasskeySignIn.methods(asserted)), client, EXPIRED);
    }

    /** The token of the first step, locked, if its user's credentials are still those it was issued for. */
    private ActionToken token(String mfaToken, Client client) {
        sessions.attempt(client);
        ActionToken token = actionTokens.lock(ActionToken.Kind.MFA_LOGIN, mfaToken)
                .orElseThrow(() -> Problem.unauthorized(EXPIRED));
        User user = em.find(User.class, token.userId());
        // Disabling an account changed its credentials: its second steps under way are void too.
        if (user == null || !token.isFor(user.credentialVersion())) {
            throw Problem.unauthorized(EXPIRED);
        }
        return token;
    }

    /** The methods of a completed two-step sign-in: the first step's, then the second's. */
    private static List<String> bothSteps(ActionToken token, List<String> second) {
        String first = token.payload() == null ? Session.PASSWORD : token.payload();
        List<String> methods = new ArrayList<>(List.of(first));
        second.stream().filter(m -> !methods.contains(m)).forEach(methods::add);
        if (methods.size() == 1) {
            methods.add(Session.MULTIPLE_FACTORS); // a mailed code and an app's code: both "otp"
        }
        return List.copyOf(methods);
    }
}
