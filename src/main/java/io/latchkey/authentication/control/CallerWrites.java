package io.latchkey.authentication.control;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import jakarta.inject.Inject;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * This instance forgets a user it keeps ({@link LiveCallers}) as soon as it writes a change of them or of one of
 * their sessions, before its commit: its own next call does not wait for the notification, which follows the
 * commit and reaches the other instances. Registered for both entities in META-INF/orm.xml.
 */
public class CallerWrites {

    @Inject
    LiveCallers callers;

    @PostUpdate
    @PostRemove
    void written(Object entity) {
        if (entity instanceof User user) {
            callers.forget(user.id());
        } else if (entity instanceof Session session) {
            callers.forget(session.userId());
        }
    }
}
