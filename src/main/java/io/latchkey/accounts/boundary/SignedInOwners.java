package io.latchkey.accounts.boundary;

import io.latchkey.mfa.boundary.Callers;
import io.latchkey.mfa.boundary.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/** The second factor's view of the signed-in user ({@link Callers}): the user the access-token gate read. */
@ApplicationScoped
public class SignedInOwners implements Callers {

    @Override
    public Owner of(HttpServletRequest request) {
        return People.owner(SignedIn.user(request));
    }
}
