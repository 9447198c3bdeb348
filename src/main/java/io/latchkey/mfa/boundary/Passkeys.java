package io.latchkey.mfa.boundary;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.mfa.control.PasskeyChallenges;
import io.latchkey.mfa.control.WebAuthn;
import io.latchkey.mfa.entity.Passkey;
import io.latchkey.mfa.entity.PasskeyChallenge;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Passkeys: adding one for a signed-in user, signing in with one alone, or with one after a password, and the
 * owner's list. Every ceremony's challenge is a row of {@code passkey_challenges} ({@link PasskeyChallenges}), so
 * any instance can finish what another began and no challenge answers twice; the passkey's row is locked while its
 * sign count is checked and moved on. Whatever is wrong with a response (malformed, foreign origin or RP ID, stale
 * or replayed challenge, unknown or deleted credential, another user's credential, bad signature, a sign count that
 * went back) is one 4xx problem.
 */
@Stateless
public class Passkeys {

    private static final String ALREADY_REGISTERED = "This passkey is already registered";

    static final String REFUSED = "This passkey cannot be used here";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** Who signed in with a passkey, and whether the authenticator verified the user (PIN, biometrics). */
    public record Asserted(UUID userId, boolean userVerified) {
    }

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    WebAuthn webAuthn;

    @Inject
    PasskeyChallenges challenges;

    @Inject
    Audit audit;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

    @Inject
    Event<FactorRemoved> removed;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "webauthn.rp.id")
    Optional<String> configuredRpId;

    @Inject
    @ConfigProperty(name = "webauthn.origins")
    Optional<String> configuredOrigins;

    @Inject
    @ConfigProperty(name = "mfa.issuer", defaultValue = "Latchkey")
    String rpName;

    private WebAuthn.RelyingParty party;

    /** RP ID: WEBAUTHN_RP_ID, else the host of JWT_ISSUER; origins: that of JWT_ISSUER and WEBAUTHN_ORIGINS. */
    @PostConstruct
    void relyingParty() {
        URI own = URI.create(issuer);
        Set<String> origins = new LinkedHashSet<>();
        origins.add(own.getScheme() + "://" + own.getRawAuthority());
        configuredOrigins.ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(o -> !o.isEmpty()).forEach(origins::add));
        party = new WebAuthn.RelyingParty(configuredRpId.map(String::strip).orElse(own.getHost()), Set.copyOf(origins));
    }

    /** {@code PublicKeyCredentialCreationOptions} as {@code parseCreationOptionsFromJSON()} takes them. */
    public JsonObject registrationOptions(Owner owner) {
        PasskeyChallenge.Issued challenge = challenges.issue(PasskeyChallenge.Purpose.REGISTER, owner.id());
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        WebAuthn.ALGORITHMS.forEach(a -> algorithms.add(Json.createObjectBuilder().add("type", "public-key")
                .add("alg", a.getAlg().getValue())));
        return Json.createObjectBuilder()
                .add("rp", Json.createObjectBuilder().add("id", party.id()).add("name", rpName))
                .add("user", Json.createObjectBuilder().add("id", B64URL.encodeToString(handle(owner.id())))
                        .add("name", owner.email()).add("displayName", owner.name()))
                .add("challenge", challenge.base64Url())
                .add("pubKeyCredParams", algorithms)
                .add("timeout", challenges.lifetime().toMillis())
                .add("excludeCredentials", descriptors(of(owner.id())))
                .add("authenticatorSelection", Json.createObjectBuilder().add("residentKey", "preferred")
                        .add("requireResidentKey", false).add("userVerification", "preferred"))
                .add("attestation", "none")
                .build();
    }

    /** Verifies the browser's answer to the options, stores the passkey and tells the owner. */
    public Passkey register(Owner owner, String response) {
        RegistrationData registration;
        try {
            registration = webAuthn.parseRegistration(response);
        } catch (WebAuthn.Refused malformed) {
            throw Problem.badRequest("The passkey response is malformed");
        }
        byte[] challenge = challengeOf(registration.getCollectedClientData());
        if (!challenges.spend(challenge, PasskeyChallenge.Purpose.REGISTER, owner.id())) {
            throw Problem.badRequest("This passkey ceremony expired or was completed; start again");
        }
        try {
            webAuthn.verify(registration, party, challenge);
        } catch (WebAuthn.Refused refused) {
            throw Problem.badRequest("The passkey could not be verified: " + refused.getMessage());
        }
        AuthenticatorData<?> data = registration.getAttestationObject().getAuthenticatorData();
        String credentialId = B64URL.encodeToString(data.getAttestedCredentialData().getCredentialId());
        if (byCredential(credentialId, false).isPresent()) {
            throw new Problem(ProblemType.CONFLICT, ALREADY_REGISTERED);
        }
        String transports = Optional.ofNullable(registration.getTransports()).orElse(Set.of()).stream()
                .map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(","));
        Passkey passkey = Passkey.register(owner.id(), credentialId, webAuthn.credentialData(registration),
                data.getSignCount(), transports, data.isFlagBE(), data.isFlagBS(), data.isFlagUV(),
                "Passkey " + (of(owner.id()).size() + 1), clock.instant());
        em.persist(passkey);
        try {
            em.flush();
        } catch (PersistenceException registeredMeanwhile) {
            // The same credential registered at this moment by another request (the unique index lets one through).
            throw new Problem(ProblemType.CONFLICT, ALREADY_REGISTERED);
        }
        audit.record(Audit.Event.PASSKEY_ADDED, owner.id(), null);
        notices.send(SecurityNotices.Kind.FACTORS, templates.passkeyAdded(owner.recipient(), passkey.name()));
        return passkey;
    }

    /** {@code PublicKeyCredentialRequestOptions} for a discoverable credential: no user, no list of credentials. */
    public JsonObject signInOptions() {
        return requestOptions(challenges.issue(PasskeyChallenge.Purpose.SIGN_IN, null), Json.createArrayBuilder());
    }

    /**
     * Options for a passkey as the second step after this user's right password: the challenge is the user's, and
     * the options name the user's passkeys, so that the browser offers only those.
     */
    public JsonObject secondStepOptions(UUID userId) {
        List<Passkey> passkeys = of(userId);
        if (passkeys.isEmpty()) {
            throw new Problem(ProblemType.CONFLICT, "This account has no passkey");
        }
        return requestOptions(challenges.issue(PasskeyChallenge.Purpose.SECOND_STEP, userId), descriptors(passkeys));
    }

    /** Verifies an assertion and says whose passkey signed it; the passkey's sign count moves on. */
    public Asserted signIn(String response) {
        return verifyAssertion(response, PasskeyChallenge.Purpose.SIGN_IN, null);
    }

    /** Verifies an assertion to the options of {@link #secondStepOptions}: it must be by one of this user's passkeys. */
    public Asserted secondStep(UUID userId, String response) {
        return verifyAssertion(response, PasskeyChallenge.Purpose.SECOND_STEP, userId);
    }

    public List<Passkey> of(UUID userId) {
        return em.createNamedQuery(Passkey.OF_USER, Passkey.class).setParameter("user", userId).getResultList();
    }

    /** Whether this user has a passkey. */
    /** The user's passkeys as their owner sees them: names and dates, never a key. */
    public List<PasskeyResource.PasskeyView> describe(UUID userId) {
        return of(userId).stream().map(PasskeyResource.PasskeyView::of).toList();
    }

    public boolean any(UUID userId) {
        return em.createNamedQuery(Passkey.COUNT_OF_USER, Long.class).setParameter("user", userId)
                .getSingleResult() > 0;
    }

    public Passkey rename(Owner owner, UUID passkeyId, String name) {
        Passkey passkey = owned(owner, passkeyId);
        passkey.rename(name.strip());
        audit.record(Audit.Event.PASSKEY_RENAMED, owner.id(), null);
        return passkey;
    }

    /**
     * Removes a passkey: it signs in nowhere from now on, and the owner's other sessions end (one of them may have
     * been signed in with it, on a device that is lost). The owner is told.
     */
    public void remove(Owner owner, UUID passkeyId, UUID keptSession) {
        Passkey passkey = owned(owner, passkeyId);
        em.remove(passkey);
        audit.record(Audit.Event.PASSKEY_REMOVED, owner.id(), keptSession);
        notices.send(SecurityNotices.Kind.FACTORS, templates.passkeyRemoved(owner.recipient(), passkey.name()));
        removed.fire(new FactorRemoved(owner.id(), keptSession));
    }

    /** Removes the passkeys added after {@code since} (a recovery, see {@link SecondFactor#removeAddedSince}). */
    public void removeAddedSince(Owner owner, Instant since) {
        for (Passkey passkey : of(owner.id())) {
            if (passkey.createdAt().isAfter(since)) {
                em.remove(passkey);
                audit.record(Audit.Event.PASSKEY_REMOVED, owner.id(), null);
                notices.send(SecurityNotices.Kind.FACTORS, templates.passkeyRemoved(owner.recipient(), passkey.name()));
            }
        }
    }

    /** The owner's passkey, locked; another user's passkey is as unknown as one that does not exist. */
    private Passkey owned(Owner owner, UUID passkeyId) {
        return Optional.ofNullable(em.find(Passkey.class, passkeyId, LockModeType.PESSIMISTIC_WRITE))
                .filter(p -> p.userId().equals(owner.id()))
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such passkey"));
    }

    /**
     * One assertion, checked: its challenge spent first (for good, even if what follows refuses it), then the
     * credential found and locked, its owner and sign count checked, and the signature verified.
     */
    private Asserted verifyAssertion(String response, PasskeyChallenge.Purpose purpose, UUID expectedUser) {
        AuthenticationData assertion;
        try {
            assertion = webAuthn.parseAuthentication(response);
        } catch (WebAuthn.Refused malformed) {
            throw Problem.badRequest("The passkey response is malformed");
        }
        byte[] challenge = challengeOf(assertion.getCollectedClientData());
        if (assertion.getCredentialId() == null) {
            throw Problem.badRequest("The passkey response is malformed");
        }
        if (!challenges.spend(challenge, purpose, expectedUser)) {
            throw Problem.unauthorized(REFUSED);
        }
        Passkey passkey = byCredential(B64URL.encodeToString(assertion.getCredentialId()), true)
                .filter(p -> expectedUser == null || p.userId().equals(expectedUser))
                .orElseThrow(() -> Problem.unauthorized(REFUSED));
        if (assertion.getUserHandle() != null && !Arrays.equals(assertion.getUserHandle(), handle(passkey.userId()))) {
            throw Problem.unauthorized(REFUSED);
        }
        AuthenticatorData<?> data = assertion.getAuthenticatorData();
        if (data == null || !passkey.acceptsCount(data.getSignCount())) {
            audit.recordFailure(Audit.Event.PASSKEY_CLONE_SUSPECTED, passkey.userId());
            throw Problem.unauthorized(REFUSED);
        }
        try {
            webAuthn.verify(assertion, party, challenge, passkey.credentialData(), passkey.signCount());
        } catch (WebAuthn.Refused refused) {
            throw Problem.unauthorized(REFUSED);
        }
        passkey.used(data.getSignCount(), data.isFlagBS(), clock.instant());
        return new Asserted(passkey.userId(), data.isFlagUV());
    }

    private JsonObject requestOptions(PasskeyChallenge.Issued challenge, JsonArrayBuilder allowed) {
        return Json.createObjectBuilder()
                .add("challenge", challenge.base64Url())
                .add("rpId", party.id())
                .add("timeout", challenges.lifetime().toMillis())
                .add("userVerification", "preferred")
                .add("allowCredentials", allowed)
                .build();
    }

    private Optional<Passkey> byCredential(String credentialId, boolean lock) {
        var query = em.createNamedQuery(Passkey.BY_CREDENTIAL, Passkey.class).setParameter("id", credentialId);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    private static byte[] challengeOf(com.webauthn4j.data.client.CollectedClientData client) {
        if (client == null || client.getChallenge() == null) {
            throw Problem.badRequest("The passkey response is malformed");
        }
        return client.getChallenge().getValue();
    }

    /** The user handle: the account's id as 16 bytes, nothing personal. */
    static byte[] handle(UUID userId) {
        return ByteBuffer.allocate(16).putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits()).array();
    }

    /** The user's passkeys as {@code PublicKeyCredentialDescriptor}s. */
    private static JsonArrayBuilder descriptors(List<Passkey> passkeys) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Passkey passkey : passkeys) {
            JsonArrayBuilder transports = Json.createArrayBuilder();
            Arrays.stream(passkey.transports().split(",")).filter(t -> !t.isEmpty()).forEach(transports::add);
            list.add(Json.createObjectBuilder().add("type", "public-key").add("id", passkey.credentialId())
                    .add("transports", transports));
        }
        return list;
    }
}
