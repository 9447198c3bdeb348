package io.latchkey.administration;

import io.latchkey.accounts.boundary.AccountAdministration.Account;
import io.latchkey.authentication.boundary.SessionResource.SessionView;
import io.latchkey.mfa.boundary.PasskeyResource.PasskeyView;
import io.latchkey.telemetry.AuditTrail;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** The bodies of the admin API. None has a field for a hash, secret, code or token: there is nowhere to leak one. */
public final class AdminViews {

    private AdminViews() {
    }

    /** A user in a list: the public fields, and what an operator sorts and filters by. */
    @JsonbPropertyOrder({"id", "name", "email", "email_verified_at", "created_at", "last_sign_in_at", "disabled", "mfa",
            "admin"})
    public record UserSummary(String id, String name, String email,
                       @JsonbProperty("email_verified_at") @JsonbNillable Instant emailVerifiedAt,
                       @JsonbProperty("created_at") Instant createdAt,
                       @JsonbProperty("last_sign_in_at") @JsonbNillable Instant lastSignInAt,
                       boolean disabled, boolean mfa, boolean admin) {
    }

    /** A page of users; {@code next_cursor} asks for the next, and is null on the last. */
    public record UserPage(List<UserSummary> users, @JsonbProperty("next_cursor") @JsonbNillable String nextCursor) {
    }

    @JsonbPropertyOrder({"enabled", "since", "recovery_codes_left"})
    public record Factors(boolean enabled, @JsonbNillable Instant since,
                   @JsonbProperty("recovery_codes_left") long recoveryCodesLeft) {
    }

    @JsonbPropertyOrder({"id", "at", "kind", "user", "actor", "reason", "session", "ip", "user_agent"})
    public record Event(long id, Instant at, String kind, @JsonbNillable String user, @JsonbNillable String actor,
                 @JsonbNillable String reason, @JsonbNillable String session, @JsonbNillable String ip,
                 @JsonbProperty("user_agent") @JsonbNillable String userAgent) {

        static Event of(AuditTrail.Entry entry) {
            return new Event(entry.id(), entry.at(), entry.kind(), text(entry.userId()), text(entry.actorId()),
                    entry.reason(), text(entry.sessionId()), entry.clientAddress(), entry.userAgent());
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    public record EventPage(List<Event> events, @JsonbProperty("next_cursor") @JsonbNillable String nextCursor) {
    }

    @JsonbPropertyOrder({"id", "name", "email", "email_verified_at", "created_at", "last_sign_in_at", "disabled",
            "admin", "admin_by_configuration", "has_password", "second_factor", "passkeys", "identities", "sessions",
            "events"})
    public record UserDetail(String id, String name, String email,
                      @JsonbProperty("email_verified_at") @JsonbNillable Instant emailVerifiedAt,
                      @JsonbProperty("created_at") Instant createdAt,
                      @JsonbProperty("last_sign_in_at") @JsonbNillable Instant lastSignInAt,
                      JsonValue disabled, boolean admin,
                      @JsonbProperty("admin_by_configuration") boolean adminByConfiguration,
                      @JsonbProperty("has_password") boolean hasPassword,
                      @JsonbProperty("second_factor") Factors secondFactor, List<PasskeyView> passkeys,
                      List<io.latchkey.federation.boundary.Identities.IdentityView> identities,
                      List<SessionView> sessions, List<Event> events) {

        static UserDetail of(Account account, Factors factors, List<PasskeyView> passkeys,
                             List<io.latchkey.federation.boundary.Identities.IdentityView> identities,
                             List<SessionView> sessions, List<Event> events) {
            return new UserDetail(account.id().toString(), account.name(), account.email(), account.emailVerifiedAt(),
                    account.createdAt(), account.lastSignInAt(), disabledOf(account), account.admin(),
                    account.adminByConfiguration(), account.hasPassword(), factors, passkeys, identities, sessions,
                    events);
        }
    }

    /** The answer of an action: what it did, and the account as it is now. */
    public record Done(String message, UserSummaryOfAction user) {
    }

    /** The account after an action, as the list shows it. */
    @JsonbPropertyOrder({"id", "name", "email", "email_verified_at", "disabled", "admin"})
    public record UserSummaryOfAction(String id, String name, String email,
                               @JsonbProperty("email_verified_at") @JsonbNillable Instant emailVerifiedAt,
                               JsonValue disabled, boolean admin) {

        static UserSummaryOfAction of(Account account) {
            return new UserSummaryOfAction(account.id().toString(), account.name(), account.email(),
                    account.emailVerifiedAt(), disabledOf(account), account.admin());
        }
    }

    public record Count(String message, int revoked) {
    }

    /**
     * Why and until when, or JSON null: Yasson leaves out a null record even where it is {@code @JsonbNillable}, and
     * the contract has the field on every user.
     */
    private static JsonValue disabledOf(Account account) {
        if (!account.isDisabled()) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder disabled = Json.createObjectBuilder().add("at", account.disabledAt().toString());
        nullable(disabled, "reason", account.disabledReason());
        nullable(disabled, "until", account.disabledUntil() == null ? null : account.disabledUntil().toString());
        return disabled.build();
    }

    private static void nullable(JsonObjectBuilder object, String name, String value) {
        if (value == null) {
            object.addNull(name);
        } else {
            object.add(name, value);
        }
    }
}
