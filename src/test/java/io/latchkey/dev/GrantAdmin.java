package io.latchkey.dev;

import io.latchkey.accounts.entity.EmailAddress;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The way in when no admin can act: {@code ./mvnw -q -Padmin -Demail=ops@example.com} makes the account with this
 * verified address an admin, directly in the database that {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD}
 * name (by default the running quickstart's), and records it in the audit trail. The account signs in again (with a
 * second factor or a passkey) to use the admin API; a disabled account is enabled too. Refused for an unknown or unverified address: whoever registered
 * it first need not own the mailbox.
 */
public final class GrantAdmin {

    public static final int GRANTED = 0;
    public static final int FAILED = 1;
    public static final int NO_ACCOUNT = 2;
    public static final int UNVERIFIED = 3;

    private GrantAdmin() {
    }

    public static void main(String[] args) {
        String email = System.getProperty("email", args.length > 0 ? args[0] : "");
        String url = Optional.ofNullable(System.getenv("DB_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:" + Quickstart.DB_PORT + "/postgres");
        String user = Optional.ofNullable(System.getenv("DB_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("postgres");
        int status = grant(url, user, password, email, System.out);
        if (status != GRANTED) {
            System.exit(status);
        }
    }

    /** Changes the account, and records it in the audit trail as the command line's doing. */
    private static void change(Connection db, String id, String event, String update) throws SQLException {
        try (PreparedStatement change = db.prepareStatement(update);
             PreparedStatement audit = db.prepareStatement("insert into audit_events (kind, user_id, reason,"
                     + " user_agent) values (?, ?::uuid, 'command line', 'latchkey admin command line')")) {
            change.setString(1, id);
            change.executeUpdate();
            audit.setString(1, event);
            audit.setString(2, id);
            audit.executeUpdate();
        }
    }

    /** Grants, and says what happened; the exit status. */
    public static int grant(String url, String user, String password, String email, PrintStream out) {
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (address.isEmpty()) {
            out.println("Give the account's address: ./mvnw -q -Padmin -Demail=you@example.com");
            return FAILED;
        }
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            try (PreparedStatement find = db.prepareStatement("select id, email_verified_at is not null,"
                    + " admin_since is not null, disabled_at is not null from users where lower(email) = ? for update")) {
                find.setString(1, address.get().lookupKey());
                try (ResultSet found = find.executeQuery()) {
                    if (!found.next()) {
                        out.println("No account has the address " + address.get().value() + "; register it first.");
                        return NO_ACCOUNT;
                    }
                    if (!found.getBoolean(2)) {
                        out.println(address.get().value() + " is not verified; open the link of its verification mail"
                                + " first.");
                        return UNVERIFIED;
                    }
                    String id = found.getString(1);
                    if (!found.getBoolean(3)) {
                        change(db, id, "ADMIN_GRANTED", "update users set admin_since = now(), updated_at = now()"
                                + " where id = ?::uuid");
                    }
                    if (found.getBoolean(4)) {   // the last admin, disabled: the way back in
                        change(db, id, "ADMIN_USER_ENABLED", "update users set disabled_at = null,"
                                + " disabled_reason = null, disabled_until = null, updated_at = now() where id = ?::uuid");
                    }
                    db.commit();
                    out.println(address.get().value() + " is an admin" + (found.getBoolean(4) ? ", enabled again" : "")
                            + ". Sign in again, with a second factor or a passkey, to use the admin pages (#/admin)"
                            + " and API.");
                    return GRANTED;
                }
            }
        } catch (SQLException unreachable) {
            out.println("Cannot reach the database at " + url + " (" + unreachable.getSQLState() + "): start the"
                    + " quickstart (./mvnw -Pdev) or set DB_URL, DB_USER and DB_PASSWORD.");
            return FAILED;
        }
    }
}
