package io.latchkey.mfa.boundary;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The signed-in caller of a request, as the second factor knows an account. The second factor sits below accounts
 * and cannot read a user itself: accounts implements this, and CDI hands that implementation to the resources here.
 */
public interface Callers {

    /** The caller of a request that passed the access-token gate; 401 for any other. */
    Owner of(HttpServletRequest request);
}
