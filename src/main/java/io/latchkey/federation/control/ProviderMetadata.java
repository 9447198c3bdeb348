package io.latchkey.federation.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What Latchkey needs of a provider: its endpoints, how it takes a client's credentials, and whether it says who it
 * is in the authorization response (RFC 9207). For OpenID Connect from its discovery document; GitHub's are fixed.
 */
public record ProviderMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, Optional<URI> jwksUri,
                               List<String> tokenEndpointAuthMethods, boolean issParameterSupported) {

    /** OpenID Connect Discovery 1.0: the document at {@code <issuer>/.well-known/openid-configuration}. */
    public static URI discoveryOf(URI issuer) {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /**
     * The document, checked: its {@code issuer} must be exactly the configured one (section 4.3: else another issuer
     * could speak for this one), its endpoints https (or http where the issuer is).
     */
    public static ProviderMetadata of(URI configuredIssuer, JsonObject document) throws ProviderHttp.ProviderException {
        String issuer = text(document, "issuer");
        if (!configuredIssuer.toString().equals(issuer)) {
            throw new ProviderHttp.ProviderException("its discovery document names the issuer " + issuer
                    + ", not " + configuredIssuer, false);
        }
        boolean plainAllowed = configuredIssuer.getScheme().equals("http");
        URI authorization = endpoint(document, "authorization_endpoint", plainAllowed);
        URI token = endpoint(document, "token_endpoint", plainAllowed);
        URI jwks = endpoint(document, "jwks_uri", plainAllowed);
        List<String> methods = document.containsKey("token_endpoint_auth_methods_supported")
                && document.get("token_endpoint_auth_methods_supported").getValueType() == JsonValue.ValueType.ARRAY
                ? document.getJsonArray("token_endpoint_auth_methods_supported").stream()
                        .filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList()
                : List.of("client_secret_basic");
        boolean iss = document.get("authorization_response_iss_parameter_supported") == JsonValue.TRUE;
        return new ProviderMetadata(configuredIssuer, authorization, token, Optional.of(jwks), methods, iss);
    }

    /** GitHub (or GitHub Enterprise at {@code base}): OAuth 2.0 without discovery, ID tokens or the iss parameter. */
    public static ProviderMetadata github(URI base) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return new ProviderMetadata(base, URI.create(root + "login/oauth/authorize"),
                URI.create(root + "login/oauth/access_token"), Optional.empty(), List.of("client_secret_post"), false);
    }

    private static String text(JsonObject document, String name) throws ProviderHttp.ProviderException {
        JsonValue value = document.get(name);
        if (!(value instanceof JsonString text)) {
            throw new ProviderHttp.ProviderException("its discovery document has no " + name, false);
        }
        return text.getString();
    }

    private static URI endpoint(JsonObject document, String name, boolean plainAllowed)
            throws ProviderHttp.ProviderException {
        try {
            URI uri = new URI(text(document, name));
            if (!"https".equals(uri.getScheme()) && !(plainAllowed && "http".equals(uri.getScheme()))) {
                throw new ProviderHttp.ProviderException(name + " is not https", false);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ProviderHttp.ProviderException(name + " is not a URL", false);
        }
    }
}
