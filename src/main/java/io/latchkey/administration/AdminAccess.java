package io.latchkey.administration;

import io.latchkey.accounts.boundary.AccountAdministration;
import io.latchkey.mfa.boundary.Callers;
import io.latchkey.mfa.boundary.Owner;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may use the admin API, checked on every call after MicroProfile JWT let the {@code admin} group in: the account
 * is an admin now (not only when its token was issued), and signed in with a second factor or a passkey. Destructive
 * actions also need a recent sign-in, or a fresh code of the admin's second factor (the step-up rule), and no admin
 * acts on their own account here.
 */
@ApplicationScoped
public class AdminAccess {

    static final String NO_SECOND_FACTOR = "Administration needs a sign-in with a second factor or a passkey";

    /** The methods that are a factor on their own; a sign-in with two of them, or with a passkey, is strong. */
    private static final Set<String> FACTORS = Set.of("pwd", "otp", "hwk", "mfa");

    @Inject
    Callers callers;

    @Inject
    AccountAdministration accounts;

    @Inject
    StepUp stepUp;

    /** The admin making this call, as the account's rules know them. */
    public record Admin(Owner owner, JsonWebToken jwt) {

        public UUID id() {
            return owner.id();
        }
    }

    public Admin require(SecurityContext caller, HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        Owner owner = callers.of(request);
        if (!accounts.isAdmin(owner.id())) {
            throw Problem.forbidden("This account is not an admin");
        }
        if (!isStrong(Claims.amr(jwt))) {
            throw Problem.forbidden(NO_SECOND_FACTOR);
        }
        return new Admin(owner, jwt);
    }

    /** For actions that cannot be taken back, or lock someone out: a recent sign-in, or a code sent along. */
    public Admin requireRecent(SecurityContext caller, HttpServletRequest request, String mfaCode) {
        Admin admin = require(caller, request);
        stepUp.require(admin.owner(), Claims.authTime(admin.jwt()), mfaCode);
        return admin;
    }

    /** An admin's own account is changed as every user changes theirs, not through the admin API. */
    public static void requireOther(Admin admin, UUID target) {
        if (admin.id().equals(target)) {
            throw Problem.forbidden("Admins cannot act on their own account here; use the account's own pages");
        }
    }

    /** A passkey, or two different factors (a password and an app's code, an emailed code and an app's). */
    static boolean isStrong(List<String> amr) {
        return amr.contains("hwk") || amr.stream().filter(FACTORS::contains).distinct().count() >= 2;
    }
}
