package io.latchkey.authentication.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears every change that could make a kept caller wrong ({@link LiveCallers}): one connection of the pool LISTENs
 * on the channel that the database's triggers NOTIFY at each commit (migration V15), on a thread of its own, and
 * each user named is forgotten as soon as the notification arrives. While the connection is being opened, and as
 * soon as it fails, nothing is kept; it is opened again every second. A connection that has heard nothing for
 * {@link #QUIET_MILLIS} is asked a query, so a dead one is found within that time.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class CallerChanges {

    private static final Logger LOG = Logger.getLogger(CallerChanges.class.getName());
    static final String CHANNEL = "latchkey_callers";
    private static final int WAIT_MILLIS = 500;
    private static final long QUIET_MILLIS = 5_000;
    private static final long RETRY_MILLIS = 1_000;

    @Resource(name = "jdbc/latchkey")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LiveCallers callers;

    private volatile boolean stopping;
    private Thread listener;
    /** Since the last failure, not yet listening again: logged once each way. */
    private boolean failed;

    @PostConstruct
    void start() {
        listener = threads.newThread(this::listen);
        listener.setName("Latchkey caller changes");
        listener.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        try {
            listener.join(2 * WAIT_MILLIS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callers.deaf();
    }

    private void listen() {
        while (!stopping) {
            try {
                hear();
            } catch (SQLException | RuntimeException e) {
                callers.deaf();
                if (!failed) {
                    LOG.log(Level.WARNING, "Not hearing session changes; every call reads its session until heard again: "
                            + e);
                }
                failed = true;
                pause();
            } catch (LinkageError e) {
                callers.deaf();
                LOG.info("No PostgreSQL driver visible to the application: every call reads its session");
                return;
            }
        }
        callers.deaf();
    }

    /** Listens until stopped or the connection fails; forgets the users named meanwhile. */
    private void hear() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            try {
                execute(connection, "LISTEN " + CHANNEL);
                callers.listening();
                if (failed) {
                    LOG.info("Hearing session changes again");
                    failed = false;
                }
                long quietSince = System.nanoTime();
                while (!stopping) {
                    PGNotification[] heard = postgres.getNotifications(WAIT_MILLIS);
                    if (heard != null && heard.length > 0) {
                        for (PGNotification notification : heard) {
                            forget(notification.getParameter());
                        }
                        quietSince = System.nanoTime();
                    } else if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quietSince) >= QUIET_MILLIS) {
                        execute(connection, "select 1");
                        quietSince = System.nanoTime();
                    }
                }
            } finally {
                callers.deaf();
                // Back in the pool, the connection must not go on collecting notifications for whoever takes it.
                try {
                    execute(connection, "UNLISTEN *");
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "UNLISTEN failed on a connection that is closing anyway", e);
                }
            }
        }
    }

    private void forget(String who) {
        if ("*".equals(who)) {
            callers.forgetAll();
            return;
        }
        try {
            callers.forget(UUID.fromString(who));
        } catch (IllegalArgumentException e) {
            callers.forgetAll();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
