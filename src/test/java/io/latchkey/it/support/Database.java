package io.latchkey.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Direct reads and writes of the server's database, to assert what a request stored (or did not). */
public final class Database {

    public static final String URL = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.db.port", 15433) + "/postgres";

    private Database() {
    }

    public static long count(String sql, Object... params) {
        return Long.parseLong(value(sql, params).orElse("0"));
    }

    public static Optional<String> value(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row. */
    public static java.util.List<String> values(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params);
             ResultSet rows = statement.executeQuery()) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A write by hand is to the server what another instance's write is: a change of a user or a session reaches
     * what the server keeps (authentication.control.LiveCallers) by NOTIFY, just after the commit. Such a write
     * listens on the same channel and returns once its own notification came back (and the server had a moment to
     * hear it too), so that the test's next request sees what a later request would.
     */
    public static int update(String sql, Object... params) {
        boolean told = TOLD.matcher(sql).find();
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params)) {
            if (told) {
                try (var listen = c.createStatement()) {
                    listen.execute("LISTEN latchkey_callers");
                }
            }
            int count = statement.executeUpdate();
            if (told) {
                org.postgresql.PGNotification[] heard = c.unwrap(org.postgresql.PGConnection.class).getNotifications(500);
                if (heard != null && heard.length > 0) {
                    Mailbox.sleep(java.time.Duration.ofMillis(50));
                }
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern TOLD = java.util.regex.Pattern.compile(
            "(?i)\\b(update|delete\\s+from)\\s+(users|sessions)\\b");

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "postgres");
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
