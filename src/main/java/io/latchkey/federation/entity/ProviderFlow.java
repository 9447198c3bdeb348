package io.latchkey.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A sign-in (or a link) through a provider, from the redirect to the provider until the SPA completes it: good once
 * at each step, for {@link #LIFETIME}, and only in the browser that started it (the one holding the cookie's secret,
 * of which only a hash is stored). The nonce and the PKCE verifier are derived from that secret, so the table holds
 * neither.
 */
@Entity
@Table(name = "provider_flows")
@NamedQuery(name = ProviderFlow.BY_STATE, query = "select f from ProviderFlow f where f.stateHash = :hash")
@NamedQuery(name = ProviderFlow.BY_COMPLETION, query = "select f from ProviderFlow f where f.completionHash = :hash")
@NamedQuery(name = ProviderFlow.PRUNE, query = "delete from ProviderFlow f where f.expiresAt < :before")
public class ProviderFlow {

    public static final String BY_STATE = "ProviderFlow.byState";
    public static final String BY_COMPLETION = "ProviderFlow.byCompletion";
    public static final String PRUNE = "ProviderFlow.prune";
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a step of a flow is refused: too late, or not this flow's (another browser, provider, or a replay). */
    public enum Refusal { EXPIRED, INVALID }

    @Id
    private UUID id;

    private String provider;

    @Column(name = "state_hash")
    private String stateHash;

    @Column(name = "browser_hash")
    private String browserHash;

    @Column(name = "return_to")
    private String returnTo;

    /** Text, as {@link #userId}: EclipseLink binds a null UUID as text, which PostgreSQL refuses for a uuid column. */
    @Column(name = "link_user_id")
    private String linkUserId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "called_back_at")
    private Instant calledBackAt;

    @Column(name = "completion_hash")
    private String completionHash;

    @Column(name = "user_id")
    private String userId;

    private String amr;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected ProviderFlow() {
    }

    /** The secrets of a new flow: the browser's (in its cookie) and the state (in the provider's redirect). */
    public record Secrets(String browser, String state) {

        public static Secrets random() {
            return new Secrets(ProviderFlow.random(), ProviderFlow.random());
        }

        /** The ID token must carry it back: derived from the browser's secret, so only that browser can finish. */
        public String nonce() {
            return derive(browser, "nonce");
        }

        /** RFC 7636: sent at the code exchange; its S256 challenge goes with the authorization request. */
        public String codeVerifier() {
            return derive(browser, "pkce");
        }

        public String codeChallenge() {
            return base64Url(sha256(codeVerifier()));
        }
    }

    public static ProviderFlow start(String provider, Secrets secrets, String returnTo, UUID linkUserId,
                                     Instant now) {
        ProviderFlow flow = new ProviderFlow();
        flow.id = UUID.randomUUID();
        flow.provider = provider;
        flow.stateHash = hash(secrets.state());
        flow.browserHash = hash(secrets.browser());
        flow.returnTo = returnTo;
        flow.linkUserId = linkUserId == null ? null : linkUserId.toString();
        flow.createdAt = now;
        flow.expiresAt = now.plus(LIFETIME);
        return flow;
    }

    /**
     * The provider sent the browser back: refused when late, at another provider's callback (a mix-up), without the
     * browser's secret, or a second time; else marked, so that it is never taken again.
     */
    public Optional<Refusal> callBack(String atProvider, String browserSecret, Instant now) {
        if (calledBackAt != null || !provider.equals(atProvider) || !matches(browserHash, browserSecret)) {
            return Optional.of(Refusal.INVALID);
        }
        calledBackAt = now;
        return now.isBefore(expiresAt) ? Optional.empty() : Optional.of(Refusal.EXPIRED);
    }

    /** Checked out at the provider as this user, signed in with these methods: the value the SPA completes with. */
    public String concluded(UUID user, List<String> methods) {
        String completion = random();
        userId = user.toString();
        amr = String.join(" ", methods);
        completionHash = hash(completion);
        return completion;
    }

    /** The SPA completes it, once, in the same browser, in time. */
    public Optional<Refusal> complete(String browserSecret, Instant now) {
        if (completedAt != null || userId == null || !matches(browserHash, browserSecret)) {
            return Optional.of(Refusal.INVALID);
        }
        completedAt = now;
        return now.isBefore(expiresAt) ? Optional.empty() : Optional.of(Refusal.EXPIRED);
    }

    public UUID id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public String returnTo() {
        return returnTo;
    }

    public Optional<UUID> linkUserId() {
        return Optional.ofNullable(linkUserId).map(UUID::fromString);
    }

    public Optional<UUID> userId() {
        return Optional.ofNullable(userId).map(UUID::fromString);
    }

    public List<String> amr() {
        return amr == null || amr.isEmpty() ? List.of() : List.of(amr.split(" "));
    }

    /**
     * Where the SPA is sent back to: a path of the SPA (and a query), relative to APP_FRONTEND_URL. Nothing that a
     * browser could read as another host ({@code //host}, {@code /\host}), no fragment (the answer travels there),
     * no character outside a URL's; empty when refused.
     */
    public static Optional<String> returnTo(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.of("/");
        }
        if (raw.length() > MAX_RETURN_TO || !raw.startsWith("/") || raw.startsWith("//")
                || !RETURN_TO.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    static final int MAX_RETURN_TO = 512;
    private static final java.util.regex.Pattern RETURN_TO =
            java.util.regex.Pattern.compile("/([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");

    private static boolean matches(String storedHash, String secret) {
        return secret != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static String derive(String secret, String purpose) {
        return base64Url(sha256(purpose + ":" + secret));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
