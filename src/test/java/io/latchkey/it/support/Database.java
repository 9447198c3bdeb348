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

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

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
