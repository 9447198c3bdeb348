package io.latchkey.administration;

import io.latchkey.accounts.boundary.AccountAdministration;
import io.latchkey.authentication.boundary.Sessions;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.telemetry.AuditTrail;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finding users: one SQL statement per page over the users table and whether each has a second factor, read
 * newest first by keyset ({@code (sort key, id) < the cursor}) so that a page deep in ten million users costs what the
 * first does. Each filter has an index that serves it (V13): the address by prefix, the name's words (GIN), the
 * rare disabled and unverified accounts (partial indexes). Like the export, a read model across tables: it writes
 * nothing and changes only with the tables it reads.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UserDirectory {

    static final int RECENT_EVENTS = 20;
    private static final String HAS_FACTOR = "(exists (select 1 from totp_factors t where t.user_id = u.id"
            + " and t.confirmed_at is not null) or exists (select 1 from passkeys p where p.user_id = u.id))";
    private static final String IS_DISABLED = "(u.disabled_at is not null and (u.disabled_until is null"
            + " or u.disabled_until > cast(?%d as timestamptz)))";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AccountAdministration accounts;

    @Inject
    io.latchkey.accounts.boundary.Admins admins;

    @Inject
    SecondFactor secondFactor;

    @Inject
    Passkeys passkeys;

    @Inject
    io.latchkey.federation.boundary.Identities identities;

    @Inject
    Sessions sessions;

    @Inject
    AuditTrail trail;

    /**
     * In a transaction of its own, planned for its values every time: the driver turns a statement run five times on
     * a connection into a prepared one, and PostgreSQL's generic plan for it (the values unknown) walked all ten
     * million users computing each name's words, 30 s instead of 20 ms.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public AdminViews.UserPage search(UserQuery query) {
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("select u.id, u.name, u.email, u.email_verified_at, u.created_at,"
                + " u.last_sign_in_at, u.disabled_at, u.disabled_until, u.admin_since, " + HAS_FACTOR
                + " from users u where true");
        List<Object> parameters = new ArrayList<>();
        query.q().ifPresent(q -> {
            String prefix = q.toLowerCase(Locale.ROOT);
            StringBuilder match = new StringBuilder("(lower(u.email) ~>=~ ?%d and lower(u.email) ~<~ ?%d");
            parameters.add(prefix);
            parameters.add(successor(prefix));
            match.replace(0, match.length(), match.toString().formatted(parameters.size() - 1, parameters.size()));
            List<String> words = query.nameWords();
            if (!words.isEmpty()) {
                parameters.add(words.stream().map(word -> word + ":*").collect(Collectors.joining(" & ")));
                match.append(" or to_tsvector('simple', u.name) @@ to_tsquery('simple', ?")
                        .append(parameters.size()).append(')');
            }
            sql.append(" and ").append(match).append(')');
        });
        query.verified().ifPresent(v -> sql.append(v ? " and u.email_verified_at is not null"
                : " and u.email_verified_at is null"));
        query.disabled().ifPresent(d -> {
            parameters.add(text(now));
            sql.append(d ? " and " + IS_DISABLED.formatted(parameters.size())
                    : " and not " + IS_DISABLED.formatted(parameters.size()));
        });
        query.mfa().ifPresent(m -> sql.append(m ? " and " : " and not ").append(HAS_FACTOR));
        query.createdAfter().ifPresent(t -> condition(sql, parameters, "u.created_at > cast(?%d as timestamptz)", t));
        query.createdBefore().ifPresent(t -> condition(sql, parameters, "u.created_at < cast(?%d as timestamptz)", t));
        String key = query.sort() == UserQuery.Sort.CREATED ? "u.created_at"
                : "coalesce(u.last_sign_in_at, '-infinity'::timestamptz)";
        query.lastSignInBefore().ifPresent(t -> condition(sql, parameters,
                "coalesce(u.last_sign_in_at, '-infinity'::timestamptz) < cast(?%d as timestamptz)", t));
        query.after().ifPresent(cursor -> {
            parameters.add(cursor.at().map(UserDirectory::text).orElse("-infinity"));
            parameters.add(cursor.id().toString());
            sql.append(" and (").append(key).append(", u.id) < (cast(?").append(parameters.size() - 1)
                    .append(" as timestamptz), cast(?").append(parameters.size()).append(" as uuid))");
        });
        sql.append(" order by ").append(key).append(" desc, u.id desc limit ").append(query.limit() + 1);
        Query statement = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            statement.setParameter(i + 1, parameters.get(i));
        }
        Set<String> configured = admins.addresses();
        List<AdminViews.UserSummary> users = new ArrayList<>();
        for (Object row : statement.getResultList()) {
            Object[] r = (Object[]) row;
            Instant verifiedAt = instant(r[3]);
            Instant disabledAt = instant(r[6]);
            Instant disabledUntil = instant(r[7]);
            boolean disabled = disabledAt != null && (disabledUntil == null || now.isBefore(disabledUntil));
            String email = (String) r[2];
            boolean admin = r[8] != null || verifiedAt != null && configured.contains(email.toLowerCase(Locale.ROOT));
            users.add(new AdminViews.UserSummary(r[0].toString(), (String) r[1], email, verifiedAt, instant(r[4]),
                    instant(r[5]), disabled, Boolean.TRUE.equals(r[9]), admin));
        }
        String next = null;
        if (users.size() > query.limit()) {
            users = users.subList(0, query.limit());
            AdminViews.UserSummary last = users.get(users.size() - 1);
            Optional<Instant> at = Optional.ofNullable(query.sort() == UserQuery.Sort.CREATED ? last.createdAt()
                    : last.lastSignInAt());
            next = new Cursor(query.sort(), at, UUID.fromString(last.id())).encode();
        }
        return new AdminViews.UserPage(List.copyOf(users), next);
    }

    /** Everything an admin may see of one user, and nothing that would let anyone in. */
    public AdminViews.UserDetail detail(UUID id) {
        AccountAdministration.Account account = accounts.find(id)
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such user"));
        SecondFactor.Status factor = secondFactor.status(id);
        return AdminViews.UserDetail.of(account,
                new AdminViews.Factors(factor.enabled(), factor.since().orElse(null), factor.recoveryCodesLeft()),
                passkeys.describe(id), identities.describe(id), sessions.describe(id),
                trail.page(AuditTrail.Filter.ofUser(id), RECENT_EVENTS).stream().map(AdminViews.Event::of).toList());
    }

    /** The least text greater than every text that starts with this one (byte order, as text_pattern_ops has it). */
    static String successor(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Instant value) {
        parameters.add(text(value));
        sql.append(" and ").append(condition.formatted(parameters.size()));
    }

    private static String text(Instant instant) {
        return instant.toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }
}
