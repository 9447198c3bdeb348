package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.web.Devices;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Where an account signs in from: its devices (as {@link Devices} names them) and client addresses, each with when
 * it was last seen, kept as hashes in {@code sign_in_origins}. A sign-in from a device or an address not seen for
 * {@link #MEMORY} tells the owner (unless they or the operator turned that off); an account's first sign-in does not,
 * as nothing was seen before it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SignInOrigins {

    /** How long a device or address is remembered. */
    public static final Duration MEMORY = Duration.ofDays(90);

    /**
     * One round trip: what was known before (the CTE reads the snapshot before the upsert), and both origins marked
     * as seen now.
     */
    private static final String SEEN = """
            with known as (select kind, value_hash, last_seen_at from sign_in_origins where user_id = cast(?1 as uuid)),
            seen as (insert into sign_in_origins (user_id, kind, value_hash, last_seen_at)
                     values (cast(?1 as uuid), 'device', ?2, ?4), (cast(?1 as uuid), 'address', ?3, ?4)
                     on conflict (user_id, kind, value_hash) do update set last_seen_at = excluded.last_seen_at)
            select (select count(*) from known),
                   (select max(last_seen_at) from known where kind = 'device' and value_hash = ?2),
                   (select max(last_seen_at) from known where kind = 'address' and value_hash = ?3)""";

    @PersistenceContext
    EntityManager em;

    @Inject
    Devices devices;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

    /** Records a sign-in, and queues the owner's notice if it came from somewhere new. */
    public void signedIn(User user, Client client, Instant now) {
        String device = devices.describe(client.userAgent());
        String address = client.address() == null ? "" : client.address();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Object[] before = (Object[]) em.createNativeQuery(SEEN).setParameter(1, user.id().toString())
                .setParameter(2, ActionToken.hash("device:" + device)).setParameter(3, ActionToken.hash("address:" + address))
                .setParameter(4, at).getSingleResult();
        boolean firstSignIn = ((Number) before[0]).longValue() == 0;
        Instant forgottenBefore = now.minus(MEMORY);
        boolean newDevice = !recently(before[1], forgottenBefore);
        boolean newAddress = !recently(before[2], forgottenBefore);
        if (!firstSignIn && (newDevice || newAddress) && user.wantsNewDeviceNotice()) {
            notices.send(SecurityNotices.Kind.NEW_DEVICE,
                    templates.newDevice(People.recipient(user), now, device, client.address()));
        }
    }

    private static boolean recently(Object lastSeen, Instant forgottenBefore) {
        Instant at;
        if (lastSeen == null) {
            return false;
        } else if (lastSeen instanceof OffsetDateTime offset) {
            at = offset.toInstant();
        } else if (lastSeen instanceof java.sql.Timestamp timestamp) {
            at = timestamp.toInstant();
        } else {
            at = (Instant) lastSeen;
        }
        return at.isAfter(forgottenBefore);
    }

    /** Forgets what was last seen longer ago than {@link #MEMORY}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int prune(Instant now) {
        return em.createNativeQuery("delete from sign_in_origins where last_seen_at < ?1")
                .setParameter(1, now.minus(MEMORY).atOffset(ZoneOffset.UTC)).executeUpdate();
    }
}
