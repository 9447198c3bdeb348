package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.Recipient;
import io.latchkey.mfa.boundary.Owner;

/**
 * A user as the capabilities below accounts see one: mail's {@link Recipient}, the second factor's {@link Owner}.
 * Made here, not in the entity, so that {@link User} depends on nothing but itself.
 */
public final class People {

    private People() {
    }

    /** Where and how to mail the user. */
    public static Recipient recipient(User user) {
        return new Recipient(user.id(), user.name(), user.email(), user.language());
    }

    /** The account as the second factor knows it. */
    public static Owner owner(User user) {
        return new Owner(user.id(), user.email(), user.name(), user.language());
    }
}
