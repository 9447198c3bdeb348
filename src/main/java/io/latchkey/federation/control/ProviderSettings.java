package io.latchkey.federation.control;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One provider's settings, as the operator wrote them: {@code IDP_<ID>_*} (MicroProfile Config names
 * {@code idp.<id>.*}). Read once at start-up; {@link #read} names every mistake, so that the log says all of them.
 */
public record ProviderSettings(String id, String name, Type type, URI issuer, String clientId,
                               Optional<String> clientSecret, Optional<String> privateKey, List<String> scopes,
                               Set<String> domains, boolean linkByEmail, boolean trustMfa, URI apiUrl) {

    /** OpenID Connect (discovery, an ID token), or GitHub's OAuth 2.0 (its API says who the user is). */
    public enum Type { OIDC, GITHUB }

    /** Ids name the endpoints' paths and the settings' names: lower-case letters and digits. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,39}");
    static final URI GITHUB = URI.create("https://github.com");
    static final URI GITHUB_API = URI.create("https://api.github.com");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** The settings, or the list of what is wrong with them. */
    public record Read(Optional<ProviderSettings> settings, List<String> problems) {
    }

    /** The configured ids of {@code IDENTITY_PROVIDERS}, in their order; duplicates and bad ids are problems. */
    public static List<String> ids(Optional<String> configured, List<String> problems) {
        List<String> ids = new ArrayList<>();
        for (String raw : configured.orElse("").split(",")) {
            String id = raw.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                problems.add("IDENTITY_PROVIDERS: \"" + id + "\" is not an id (lower-case letters and digits)");
            } else if (ids.contains(id)) {
                problems.add("IDENTITY_PROVIDERS: \"" + id + "\" is named twice");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Reads {@code idp.<id>.*} through {@code setting} (a name to its value, if set). */
    public static Read read(String id, Function<String, Optional<String>> setting, boolean production) {
        List<String> problems = new ArrayList<>();
        String prefix = "IDP_" + id.toUpperCase(Locale.ROOT) + "_";
        Function<String, Optional<String>> value = key -> setting.apply("idp." + id + "." + key)
                .map(String::strip).filter(v -> !v.isEmpty());
        Type type = switch (value.apply("type").orElse("oidc").toLowerCase(Locale.ROOT)) {
            case "oidc" -> Type.OIDC;
            case "github" -> Type.GITHUB;
            default -> {
                problems.add(prefix + "TYPE must be oidc or github");
                yield Type.OIDC;
            }
        };
        Optional<String> issuerText = value.apply("issuer");
        URI issuer = null;
        if (issuerText.isEmpty()) {
            if (type == Type.OIDC) {
                problems.add(prefix + "ISSUER is missing (the provider's issuer URL; discovery is read below it)");
            } else {
                issuer = GITHUB;
            }
        } else {
            issuer = url(issuerText.get(), prefix + "ISSUER", production, problems);
        }
        URI api = value.apply("api.url").map(u -> url(u, prefix + "API_URL", production, problems))
                .orElse(GITHUB_API);
        Optional<String> clientId = value.apply("client.id");
        if (clientId.isEmpty()) {
            problems.add(prefix + "CLIENT_ID is missing");
        }
        Optional<String> secret = value.apply("client.secret");
        Optional<String> key = value.apply("private.key");
        if (secret.isEmpty() == key.isEmpty()) {
            problems.add(prefix + "CLIENT_SECRET or " + prefix + "PRIVATE_KEY is needed, one of them");
        }
        if (type == Type.GITHUB && key.isPresent()) {
            problems.add(prefix + "PRIVATE_KEY: GitHub takes a client secret only");
        }
        List<String> scopes = value.apply("scopes").map(s -> List.of(s.split("[\\s,]+")))
                .orElse(type == Type.OIDC ? List.of("openid", "email", "profile") : List.of("read:user", "user:email"));
        if (type == Type.OIDC && !scopes.contains("openid")) {
            problems.add(prefix + "SCOPES must include openid");
        }
        Set<String> domains = Arrays.stream(value.apply("domains").orElse("").split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        domains.stream().filter(d -> !DOMAIN.matcher(d).matches())
                .forEach(d -> problems.add(prefix + "DOMAINS: \"" + d + "\" is not a domain name"));
        boolean linkByEmail = flag(value, "link.by.email", prefix + "LINK_BY_EMAIL", problems);
        boolean trustMfa = flag(value, "trust.mfa", prefix + "TRUST_MFA", problems);
        String name = value.apply("name").orElse(id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1));
        if (name.length() > 60 || name.chars().anyMatch(Character::isISOControl)) {
            problems.add(prefix + "NAME must be a short label");
        }
        if (!problems.isEmpty()) {
            return new Read(Optional.empty(), problems);
        }
        return new Read(Optional.of(new ProviderSettings(id, name, type, issuer, clientId.get(), secret, key,
                List.copyOf(scopes), domains, linkByEmail, trustMfa, api)), List.of());
    }

    private static URI url(String text, String name, boolean production, List<String> problems) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(name + " must be an http(s) URL without query or fragment");
                return null;
            }
            if (production && !scheme.equals("https")) {
                problems.add(name + " must be https in production mode");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            problems.add(name + " is not a URL");
            return null;
        }
    }

    private static boolean flag(Function<String, Optional<String>> value, String key, String name,
                                List<String> problems) {
        return value.apply(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(name + " must be true or false");
                yield false;
            }
        }).orElse(false);
    }

    /** The callback a provider must be configured with: the service's public URL and this provider's path. */
    public URI redirectUri(String publicBase) {
        String base = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
        return URI.create(base + "/api/v1/auth/providers/" + id + "/callback");
    }

    /** Whether an address of this domain must sign in here (enterprise SSO). */
    public boolean owns(String emailDomain) {
        return domains.contains(emailDomain.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {   // never the secret or the key in a log line
        return "ProviderSettings[" + id + ", " + type + ", " + issuer + "]";
    }
}
