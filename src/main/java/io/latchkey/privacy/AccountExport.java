package io.latchkey.privacy;

import io.latchkey.accounts.boundary.Profile;
import io.latchkey.accounts.entity.User;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Devices;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything Latchkey holds about a user, as one JSON document for them to keep (GDPR Art. 15 and 20): the profile,
 * sessions with their devices and addresses, the second factor and passkeys, the identity providers' accounts
 * linked, the mails sent, the audit events. Each
 * query names its columns: no password hash, token, code hash, sealed secret or key material is ever selected.
 */
@Stateless
public class AccountExport {

    static final String SESSIONS = "select id, created_at, last_used_at, expires_at, revoked_at, user_agent, ip, amr,"
            + " auth_time from sessions where user_id = cast(?1 as uuid) order by created_at";
    static final String TOTP = "select created_at, confirmed_at from totp_factors where user_id = cast(?1 as uuid)";
    static final String RECOVERY_CODES = "select created_at, used_at from recovery_codes where user_id = cast(?1 as uuid)"
            + " order by created_at";
    static final String PASSKEYS = "select id, name, created_at, last_used_at, backed_up, transports from passkeys"
            + " where user_id = cast(?1 as uuid) order by created_at";
    static final String IDENTITIES = "select id, provider, subject, email, linked_at, last_used_at from identities"
            + " where user_id = cast(?1 as uuid) order by linked_at";
    static final String MAILS = "select recipient, subject, created_at, sent_at, failed_at from outbox_mails"
            + " where user_id = ?1 order by created_at";
    static final String EVENTS = "select occurred_at, kind, session_id, client_address, user_agent from audit_events"
            + " where user_id = cast(?1 as uuid) order by occurred_at";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Profile profile;

    @Inject
    Devices devices;

    @Inject
    Audit audit;

    public JsonObject of(User user) {
        String id = user.id().toString();
        audit.record(Audit.Event.ACCOUNT_EXPORTED, user.id(), null);
        JsonArray sessions = rows(SESSIONS, id, "id", "created_at", "last_used_at", "expires_at", "revoked_at",
                "user_agent", "ip", "amr", "auth_time");
        JsonArrayBuilder withDevices = Json.createArrayBuilder();
        sessions.getValuesAs(JsonObject.class).forEach(s -> withDevices.add(Json.createObjectBuilder(s)
                .add("device", devices.describe(s.isNull("user_agent") ? null : s.getString("user_agent")))));
        JsonArray totp = rows(TOTP, id, "created_at", "confirmed_at");
        return Json.createObjectBuilder()
                .add("exported_at", clock.instant().toString())
                .add("profile", Json.createObjectBuilder(asJson(profile.of(user)))
                        .add("created_at", user.createdAt().toString())
                        .add("updated_at", user.updatedAt().toString()))
                .add("sessions", withDevices)
                .add("second_factor", Json.createObjectBuilder()
                        .add("authenticator_app", totp.isEmpty() ? Json.createValue("none") : totp.get(0))
                        .add("recovery_codes", rows(RECOVERY_CODES, id, "created_at", "used_at")))
                .add("passkeys", rows(PASSKEYS, id, "id", "name", "created_at", "last_used_at", "backed_up", "transports"))
                .add("identities", rows(IDENTITIES, id, "id", "provider", "subject", "email", "linked_at",
                        "last_used_at"))
                .add("mails", rows(MAILS, id, "recipient", "subject", "created_at", "sent_at", "failed_at"))
                .add("audit_events", rows(EVENTS, id, "occurred_at", "kind", "session_id", "client_address", "user_agent"))
                .build();
    }

    private static JsonObject asJson(Object view) {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return Json.createReader(new StringReader(jsonb.toJson(view))).readObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonArray rows(String sql, String userId, String... columns) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(sql).setParameter(1, userId).getResultList();
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Object row : rows) {
            Object[] values = columns.length == 1 ? new Object[] {row} : (Object[]) row;
            JsonObjectBuilder object = Json.createObjectBuilder();
            for (int i = 0; i < columns.length; i++) {
                add(object, columns[i], values[i]);
            }
            array.add(object);
        }
        return array.build();
    }

    private static void add(JsonObjectBuilder object, String name, Object value) {
        if (value == null) {
            object.addNull(name);
        } else if (value instanceof Boolean b) {
            object.add(name, b);
        } else if (value instanceof Number n) {
            object.add(name, n.longValue());
        } else if (value instanceof OffsetDateTime t) {
            object.add(name, t.toInstant().toString());
        } else if (value instanceof java.sql.Timestamp t) {
            object.add(name, t.toInstant().toString());
        } else if (value instanceof Instant t) {
            object.add(name, t.toString());
        } else if (value instanceof UUID u) {
            object.add(name, u.toString());
        } else {
            object.add(name, value.toString());
        }
    }
}
