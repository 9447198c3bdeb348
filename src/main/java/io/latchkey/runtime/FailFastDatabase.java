package io.latchkey.runtime;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink (Payara's JPA provider) retries a read that failed for want of a connection three times, five seconds
 * apart: while the database was restarting, requests hung for 10 s and more, holding request threads, instead of
 * being answered. With no retry they fail at once and are answered 503 with Retry-After; the pool reconnects by
 * itself once the database is back. (Hibernate, on WildFly, has no such retry and ignores this class.)
 */
public class FailFastDatabase implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
    }
}
