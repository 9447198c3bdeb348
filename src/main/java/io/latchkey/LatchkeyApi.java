package io.latchkey;

import io.latchkey.tokens.boundary.AccessTokens;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The HTTP API under /api. Access tokens are verified by MicroProfile JWT against Latchkey's own JWKS URL, so
 * the service trusts its tokens exactly as any other verifier would. (Application-scoped, as MP-JWT needs a CDI
 * bean here to inject {@code JsonWebToken} without a beans.xml.)
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({AccessTokens.GROUP_USER, AccessTokens.GROUP_VERIFIED, AccessTokens.GROUP_ADMIN})
public class LatchkeyApi extends Application {

    /** No WADL (Jersey's description of every resource, and its version, at /api/application.wadl and in OPTIONS). */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
