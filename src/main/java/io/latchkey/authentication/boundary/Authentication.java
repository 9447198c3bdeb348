package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.entity.Session;
import io.latchkey.passwords.control.PasswordHasher;
import io.latchkey.platform.Problem;
import io.latchkey.tokens.boundary.AccessTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Login with email and password, and the user behind an access token. */
@Stateless
public class Authentication {

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
    @ConfigProperty(name = "session.max.ttl", defaultValue = "P30D")
    Duration sessionLifetime;

    @Inject
    @ConfigProperty(name = "refresh.token.ttl", defaultValue = "P7D")
    Duration refreshLifetime;


    /**
     * Unknown email and wrong password fail alike, in body and in time: a missing account costs one hash too.
     * Unverified users may log in; their token says so.
     */
    public Renewal login(String email, String password, String userAgent, String ip) {
        Optional<User> found = EmailAddress.parse(email).flatMap(accounts::byEmail);
        if (found.isEmpty()) {
            hasher.verifyDecoy(password);
            throw Problem.unauthorized(INVALID_CREDENTIALS);
        }
        User user = found.get();
        PasswordHasher.Verification verification = hasher.verify(password, user.passwordHash());
        if (!verification.matches()) {
            throw Problem.unauthorized(INVALID_CREDENTIALS);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (verification.needsRehash()) {
            user.replacePasswordHash(hasher.hash(password), now);
        }
        Session session = Session.start(user.id(), now, sessionLifetime, refreshLifetime, userAgent, ip);
        em.persist(session);
        return new Renewal(user, accessTokens.issue(user, session.id()),
                refreshTokens.mint(session.id(), session.refreshGeneration()), session.refreshExpiresAt());
    }

    /** The user an access token was issued to, if the account still exists. */
    public User userOf(String subject) {
        return parseUuid(subject).flatMap(accounts::byId)
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
    }

    private static Optional<UUID> parseUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
