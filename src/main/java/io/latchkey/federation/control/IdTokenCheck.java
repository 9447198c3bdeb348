package io.latchkey.federation.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenID Connect Core 3.1.3.7, strictly: signed by one of the provider's keys with RS256, PS256 or ES256 (never
 * {@code none}, never HMAC, whose key would be the client secret), from the configured issuer, to this client (and,
 * with several audiences, authorized for it), in date within {@link #SKEW}, and carrying this flow's nonce.
 */
public final class IdTokenCheck {

    public static final Duration SKEW = Duration.ofSeconds(30);
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private IdTokenCheck() {
    }

    /** What a refused ID token was refused for: in the log, never to the browser. */
    public static class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** The provider's keys: the cached set, and the set fetched again when no cached key has the token's kid. */
    public interface Keys {
        JWKSet cached() throws ProviderHttp.ProviderException;

        JWKSet refetched() throws ProviderHttp.ProviderException;
    }

    /** The claims Latchkey reads: who, the address and whether the provider verified it, a name, how they signed in. */
    public record Claims(String subject, Optional<String> email, boolean emailVerified, Optional<String> name,
                         List<String> amr) {
    }

    public static Claims check(String idToken, Keys keys, String issuer, String clientId, String nonce, Instant now)
            throws Refused, ProviderHttp.ProviderException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new Refused("not a JWT");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new Refused("not signed (alg " + parsed.getHeader().getAlgorithm() + ")");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new Refused("signed with " + algorithm + ", not RS256, PS256 or ES256");
        }
        String kid = signed.getHeader().getKeyID();
        List<JWK> candidates = candidates(keys.cached(), kid, algorithm);
        if (candidates.isEmpty() && kid != null) {
            candidates = candidates(keys.refetched(), kid, algorithm);   // the provider rolled its keys
        }
        if (candidates.isEmpty() || !verified(signed, candidates)) {
            throw new Refused("no key of the provider verifies its signature (kid " + kid + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("its claims are not JSON");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused("issued by " + claims.getIssuer() + ", not " + issuer);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new Refused("issued to " + audience + ", not to this client");
        }
        Object azp = claims.getClaim("azp");
        if ((audience.size() > 1 || azp != null) && !clientId.equals(azp)) {
            throw new Refused("authorized party " + azp + ", not this client");
        }
        Date expires = claims.getExpirationTime();
        Date issued = claims.getIssueTime();
        if (expires == null || !expires.toInstant().plus(SKEW).isAfter(now)) {
            throw new Refused("expired at " + (expires == null ? "no time" : expires.toInstant()));
        }
        if (issued == null || issued.toInstant().minus(SKEW).isAfter(now)) {
            throw new Refused("issued in the future, or at no time");
        }
        Object tokenNonce = claims.getClaim("nonce");
        if (!(tokenNonce instanceof String n) || !java.security.MessageDigest.isEqual(n.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new Refused("its nonce is not this flow's");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > 255) {
            throw new Refused("no usable subject");
        }
        return new Claims(subject, text(claims, "email"), isTrue(claims.getClaim("email_verified")),
                name(claims), strings(claims.getClaim("amr")));
    }

    private static List<JWK> candidates(JWKSet set, String kid, JWSAlgorithm algorithm) {
        return set.getKeys().stream()
                .filter(key -> kid == null || kid.equals(key.getKeyID()))
                .filter(key -> key.getKeyUse() == null || "sig".equals(key.getKeyUse().identifier()))
                .filter(key -> algorithm == JWSAlgorithm.ES256 ? key instanceof ECKey : key instanceof RSAKey)
                .toList();
    }

    private static boolean verified(SignedJWT signed, List<JWK> keys) {
        for (JWK key : keys) {
            try {
                JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                        : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
                if (signed.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong curve or size: the next one may do
            }
        }
        return false;
    }

    /** {@code true} as JSON, or the string "true" that some providers send. */
    static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    private static Optional<String> text(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<String> name(JWTClaimsSet claims) {
        Optional<String> name = text(claims, "name");
        if (name.isPresent()) {
            return name;
        }
        String joined = (text(claims, "given_name").orElse("") + " " + text(claims, "family_name").orElse("")).strip();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    private static List<String> strings(Object claim) {
        return claim instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast)
                .toList() : List.of();
    }
}
