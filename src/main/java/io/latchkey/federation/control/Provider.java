package io.latchkey.federation.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.federation.entity.ProviderFlow;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One configured provider after its discovery: the authorization request to send the browser to, and the code
 * exchange that says who came back (an ID token checked by {@link IdTokenCheck}, or GitHub's API).
 */
public class Provider {

    /** Keys are fetched again on an unknown kid, but not more often than this: a token cannot make Latchkey spin. */
    static final Duration REFETCH_FLOOR = Duration.ofSeconds(10);

    private final ProviderSettings settings;
    private final ProviderMetadata metadata;
    private final ProviderHttp http;
    private final Clock clock;
    private final Optional<JWK> clientKey;
    private volatile JWKSet keys;
    private volatile Instant keysFetchedAt = Instant.EPOCH;

    Provider(ProviderSettings settings, ProviderMetadata metadata, ProviderHttp http, Clock clock,
             Optional<JWK> clientKey) {
        this.settings = settings;
        this.metadata = metadata;
        this.http = http;
        this.clock = clock;
        this.clientKey = clientKey;
    }

    /** Reads the provider's discovery document (OpenID Connect) and parses the client's key, if it has one. */
    public static Provider discover(ProviderSettings settings, ProviderHttp http, Clock clock)
            throws ProviderHttp.ProviderException {
        Optional<JWK> key = Optional.empty();
        if (settings.privateKey().isPresent()) {
            try {
                key = Optional.of(JWK.parseFromPEMEncodedObjects(settings.privateKey().get()));
            } catch (JOSEException e) {
                throw new ProviderHttp.ProviderException("PRIVATE_KEY is not a PEM private key", false);
            }
        }
        if (settings.type() == ProviderSettings.Type.GITHUB) {
            return new Provider(settings, ProviderMetadata.github(settings.issuer()), http, clock, key);
        }
        ProviderHttp.Answer answer = http.get(ProviderMetadata.discoveryOf(settings.issuer()), null);
        if (answer.status() != 200) {
            throw new ProviderHttp.ProviderException("its discovery document answered " + answer.status(), false);
        }
        Provider provider = new Provider(settings, ProviderMetadata.of(settings.issuer(), answer.object()), http,
                clock, key);
        provider.fetchKeys();
        return provider;
    }

    public ProviderSettings settings() {
        return settings;
    }

    public ProviderMetadata metadata() {
        return metadata;
    }

    /** Where to send the browser: the code flow with state, nonce (OpenID Connect) and PKCE S256. */
    public URI authorizationUrl(ProviderFlow.Secrets secrets, URI redirectUri, Optional<String> loginHint) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", settings.clientId());
        parameters.put("redirect_uri", redirectUri.toString());
        parameters.put("scope", String.join(" ", settings.scopes()));
        parameters.put("state", secrets.state());
        if (settings.type() == ProviderSettings.Type.OIDC) {
            parameters.put("nonce", secrets.nonce());
        }
        parameters.put("code_challenge", secrets.codeChallenge());
        parameters.put("code_challenge_method", "S256");
        loginHint.ifPresent(hint -> parameters.put("login_hint", hint));
        String endpoint = metadata.authorizationEndpoint().toString();
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(parameters));
    }

    /** The code for tokens, and who they say signed in. */
    public ProviderAccount exchange(String code, ProviderFlow.Secrets secrets, URI redirectUri)
            throws ProviderHttp.ProviderException, IdTokenCheck.Refused {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", redirectUri.toString());
        parameters.put("code_verifier", secrets.codeVerifier());
        String basic = null;
        if (clientKey.isPresent()) {
            parameters.put("client_id", settings.clientId());
            parameters.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            parameters.put("client_assertion", clientAssertion());
        } else if (metadata.tokenEndpointAuthMethods().contains("client_secret_basic")) {
            basic = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":"
                    + encode(settings.clientSecret().orElseThrow())).getBytes(StandardCharsets.UTF_8));
        } else {
            parameters.put("client_id", settings.clientId());
            parameters.put("client_secret", settings.clientSecret().orElseThrow());
        }
        ProviderHttp.Answer answer = http.postForm(metadata.tokenEndpoint(), form(parameters), basic);
        JsonObject tokens = answer.object();
        if (answer.status() != 200 || tokens.containsKey("error")) {
            throw new IdTokenCheck.Refused("its token endpoint answered " + answer.status() + " "
                    + tokens.getOrDefault("error", JsonValue.NULL));
        }
        if (settings.type() == ProviderSettings.Type.GITHUB) {
            return github(text(tokens, "access_token"));
        }
        IdTokenCheck.Claims claims = IdTokenCheck.check(text(tokens, "id_token"), new IdTokenCheck.Keys() {
            @Override
            public JWKSet cached() throws ProviderHttp.ProviderException {
                return keys == null ? fetchKeys() : keys;
            }

            @Override
            public JWKSet refetched() throws ProviderHttp.ProviderException {
                return clock.instant().isBefore(keysFetchedAt.plus(REFETCH_FLOOR)) ? keys : fetchKeys();
            }
        }, settings.issuer().toString(), settings.clientId(), secrets.nonce(), clock.instant());
        return new ProviderAccount(claims.subject(), claims.email(), claims.emailVerified(), claims.name(),
                claims.amr());
    }

    private JWKSet fetchKeys() throws ProviderHttp.ProviderException {
        ProviderHttp.Answer answer = http.get(metadata.jwksUri().orElseThrow(), null);
        try {
            JWKSet fetched = JWKSet.parse(answer.object().toString());
            keys = fetched;
            keysFetchedAt = clock.instant();
            return fetched;
        } catch (java.text.ParseException e) {
            throw new ProviderHttp.ProviderException("its key set is not a JWK set", false);
        }
    }

    private String clientAssertion() throws ProviderHttp.ProviderException {
        return clientAssertion(clientKey.orElseThrow(), settings.clientId(), metadata.tokenEndpoint(), clock.instant());
    }

    /**
     * RFC 7523 (OpenID Connect's {@code private_key_jwt}): the client proves itself with a JWT of a minute, signed by
     * its key (RS256 for RSA, ES256 for EC), for this token endpoint only, never the same twice ({@code jti}).
     */
    public static String clientAssertion(JWK key, String clientId, URI tokenEndpoint, Instant now)
            throws ProviderHttp.ProviderException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(tokenEndpoint.toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build();
        try {
            PrivateKey privateKey = key.isPrivate() ? (key instanceof com.nimbusds.jose.jwk.RSAKey rsa
                    ? rsa.toPrivateKey() : ((com.nimbusds.jose.jwk.ECKey) key).toPrivateKey()) : null;
            if (privateKey == null) {
                throw new ProviderHttp.ProviderException("PRIVATE_KEY holds no private key", false);
            }
            boolean ec = privateKey instanceof ECPrivateKey;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
            jwt.sign(ec ? new ECDSASigner((ECPrivateKey) privateKey) : new RSASSASigner(privateKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new ProviderHttp.ProviderException("PRIVATE_KEY cannot sign: " + e.getMessage(), false);
        }
    }

    /** GitHub: its API says who signed in (there is no ID token). */
    private ProviderAccount github(String accessToken) throws ProviderHttp.ProviderException, IdTokenCheck.Refused {
        String api = settings.apiUrl().toString().replaceAll("/$", "");
        JsonObject user = http.get(URI.create(api + "/user"), accessToken).object();
        ProviderHttp.Answer emails = http.get(URI.create(api + "/user/emails"), accessToken);
        return githubAccount(user, emails.status() == 200 ? emails.json() : null);
    }

    /**
     * The account of GitHub's answers to {@code GET /user} and {@code GET /user/emails}: the numeric id is the subject
     * (a login can be renamed and reused), and only the primary address, and only if verified, counts.
     */
    public static ProviderAccount githubAccount(JsonObject user, jakarta.json.JsonStructure emails)
            throws IdTokenCheck.Refused {
        JsonValue id = user.get("id");
        if (id == null || id.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new IdTokenCheck.Refused("GitHub's user has no id");
        }
        Optional<String> email = Optional.empty();
        if (emails instanceof JsonArray list) {
            email = list.stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
                    .filter(e -> e.get("primary") == JsonValue.TRUE && e.get("verified") == JsonValue.TRUE)
                    .map(e -> e.get("email")).filter(v -> v instanceof JsonString)
                    .map(v -> ((JsonString) v).getString()).findFirst();
        }
        Optional<String> name = user.get("name") instanceof JsonString n && !n.getString().isBlank()
                ? Optional.of(n.getString())
                : user.get("login") instanceof JsonString login ? Optional.of(login.getString()) : Optional.empty();
        return new ProviderAccount(id.toString(), email, email.isPresent(), name, List.of());
    }

    private static String text(JsonObject object, String name) throws IdTokenCheck.Refused {
        if (object.get(name) instanceof JsonString text) {
            return text.getString();
        }
        throw new IdTokenCheck.Refused("its token answer has no " + name);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
