package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Signing in with a passkey alone, no password: it satisfies a second factor too. */
@Stateless
public class PasskeySignIn {

    static final String NOT_HERE = "This passkey cannot be used here";

    @PersistenceContext
    EntityManager em;

    @Inject
    SessionStart sessions;

    @Inject
    Passkeys passkeys;

    /** Options for a discoverable passkey; counted as a login attempt of the address, as each makes a row. */
    public JsonObject options(Client client) {
        sessions.attempt(client);
        return passkeys.signInOptions();
    }

    /** A refusal is 401 or 400, whatever was wrong with the assertion. */
    public Renewal signIn(String response, Client client) {
        sessions.attempt(client);
        Passkeys.Asserted asserted = passkeys.signIn(response);
        User user = Optional.ofNullable(em.find(User.class, asserted.userId()))
                .orElseThrow(() -> Problem.unauthorized(NOT_HERE));
        return sessions.signIn(user, methods(asserted), client, NOT_HERE);
    }

    /** A passkey is a hardware key; one that verified its user (a PIN, a fingerprint) says so too. */
    static List<String> methods(Passkeys.Asserted asserted) {
        return asserted.userVerified() ? List.of(Session.HARDWARE_KEY, Session.USER_VERIFIED)
                : List.of(Session.HARDWARE_KEY);
    }
}
