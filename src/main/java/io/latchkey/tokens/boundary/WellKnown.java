package io.latchkey.tokens.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The discovery documents that let any JWT verifier (MicroProfile JWT, OIDC libraries, API gateways) find the
 * keys. A servlet rather than a JAX-RS resource because the API application lives under /api.
 */
@WebServlet("/.well-known/*")
public class WellKnown extends HttpServlet {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    /** How long verifiers may cache the keys; a new key is published at least this long before it signs. */
    @Inject
    @ConfigProperty(name = "jwks.max-age", defaultValue = "PT5M")
    Duration maxAge;

    /** Read-only documents: any other method is a 405 problem, not the servlet default's 501 page. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String document = switch (String.valueOf(request.getPathInfo())) {
            case "/jwks.json" -> keys.publicJwks();
            case "/openid-configuration" -> openIdConfiguration();
            default -> null;
        };
        if (document == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "public, max-age=" + maxAge.toSeconds());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(document);
    }

    private String openIdConfiguration() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("none"))
                .add("claims_supported", Json.createArrayBuilder()
                        .add("iss").add("sub").add("upn").add("groups").add("email_verified").add("sid")
                        .add("jti").add("iat").add("exp").add("aud"))
                .build()
                .toString();
    }
}
