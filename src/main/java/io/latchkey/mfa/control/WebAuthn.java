package io.latchkey.mfa.control;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The WebAuthn ceremonies as webauthn4j verifies them: parsing the JSON of {@code PublicKeyCredential.toJSON()},
 * checking origin, RP ID hash, challenge, flags and signatures. Attestation is not verified (webauthn4j's non-strict
 * manager; the options ask for none): a statement of any format is accepted unchecked, as WebAuthn advises where
 * the maker of an authenticator does not matter. A passkey proves possession of its key, not its make.
 */
@ApplicationScoped
public class WebAuthn {

    /** ES256 and RS256, what every authenticator offers, in order of preference. */
    public static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(converter);

    /** The relying party: its ID (a domain) and the origins a ceremony may come from. */
    public record RelyingParty(String id, Set<String> origins) {
        ServerProperty with(byte[] challenge) {
            return ServerProperty.builder().rpId(id)
                    .origins(origins.stream().map(Origin::new).collect(java.util.stream.Collectors.toSet()))
                    .challenge(new DefaultChallenge(challenge)).build();
        }
    }

    /**
     * A response that is not what it must be: malformed (what the library's parser throws on bad input, Jackson's
     * and its own exceptions alike) or not verified. The reason names the check, never echoes the input.
     */
    public static class Refused extends RuntimeException {
        private final boolean malformed;

        Refused(boolean malformed, RuntimeException cause) {
            super(cause.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT), null, false, false);
            this.malformed = malformed;
        }

        public boolean isMalformed() {
            return malformed;
        }
    }

    public RegistrationData parseRegistration(String json) {
        try {
            return manager.parseRegistrationResponseJSON(json);
        } catch (RuntimeException malformed) {
            throw new Refused(true, malformed);
        }
    }

    public AuthenticationData parseAuthentication(String json) {
        try {
            return manager.parseAuthenticationResponseJSON(json);
        } catch (RuntimeException malformed) {
            throw new Refused(true, malformed);
        }
    }

    /** Verifies a registration against its challenge. */
    public void verify(RegistrationData registration, RelyingParty party, byte[] challenge) {
        try {
            manager.verify(registration, new RegistrationParameters(party.with(challenge), ALGORITHMS, false, true));
        } catch (RuntimeException refused) {
            throw new Refused(false, refused);
        }
    }

    /** Verifies an assertion with a stored credential (its attested data and its sign count). */
    public void verify(AuthenticationData assertion, RelyingParty party, byte[] challenge, String credentialData,
                       long signCount) {
        AttestedCredentialData attested = credentials.convert(Base64.getDecoder().decode(credentialData));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                signCount, attested, null, null, null, null);
        try {
            manager.verify(assertion, new AuthenticationParameters(party.with(challenge), record, null, false, true));
        } catch (RuntimeException refused) {
            throw new Refused(false, refused);
        }
    }

    /** The attested credential data of a registration, as stored. */
    public String credentialData(RegistrationData registration) {
        return Base64.getEncoder().encodeToString(credentials.convert(
                registration.getAttestationObject().getAuthenticatorData().getAttestedCredentialData()));
    }
}
