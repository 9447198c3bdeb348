package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.web.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The user of an authenticated request, as {@link AccessTokenGate} read it with the session's liveness: resources
 * that need the user take it from here instead of reading it again. It travels as a request property, which
 * JAX-RS keeps as a servlet request attribute on every server.
 */
public final class SignedIn {

    private static final String ATTRIBUTE = SignedIn.class.getName();

    private SignedIn() {
    }

    public static void hold(ContainerRequestContext request, User user) {
        request.setProperty(ATTRIBUTE, user);
    }

    public static User user(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof User user) {
            return user;
        }
        throw Problem.unauthorized("Unauthorized");
    }
}
