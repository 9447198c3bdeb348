package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.Admins;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.control.RefreshTokens.RefreshToken;
import io.latchkey.authentication.entity.Session.EndReason;
import io.latchkey.authentication.entity.Session;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.tokens.boundary.AccessTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exchanging a refresh token for a new access token and the next refresh token. The session row is locked for the
 * whole decision, so concurrent refreshes with one token are serialised: the first rotates, the others find the
 * token just rotated out and get the same new one. No fork, no loss.
 */
@Stateless
public class Refresh {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(Refresh.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Sessions sessions;

    @Inject
    Admins admins;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "refresh.token.ttl")
    Duration refreshLifetime;

    @Inject
    @ConfigProperty(name = "refresh.reuse.interval", defaultValue = "PT10S")
    Duration reuseInterval;

    /**
     * The renewal, or empty when the token is refused. A refusal commits what it decided (a session ended for
     * reuse), which is why it is not thrown.
     */
    public Optional<Renewal> refresh(String cookie) {
        Optional<RefreshToken> token = refreshTokens.read(cookie);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Session session = em.find(Session.class, token.get().sessionId(), LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            return Optional.empty();
        }
        User user = em.find(User.class, session.userId());
        if (user == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        switch (session.judge(token.get().generation(), user, now, reuseInterval)) {
            case ENDED:
                return Optional.empty();
            case REUSED:
                // A token that was already exchanged is back: someone kept a copy. Both holders lose the session.
                LOG.warning(() -> "Refresh token reuse detected; session " + session.id() + " revoked");
                sessions.end(session, EndReason.REUSED);
                telemetry.reuseDetected();
                return Optional.empty();
            case CURRENT:
                session.rotate(now, refreshLifetime);
                break;
            case JUST_ROTATED:
                break;
        }
        telemetry.refresh();
        return Optional.of(Renewal.of(user, admins.isAdmin(user), session, accessTokens, refreshTokens));
    }
}
