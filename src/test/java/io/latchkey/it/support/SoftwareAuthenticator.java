package io.latchkey.it.support;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey authenticator in software, as a test needs one: a P-256 key, a credential id, a sign count, and the
 * WebAuthn messages a browser would send for it in the form of {@code PublicKeyCredential.toJSON()}. The CBOR of
 * the attestation object and of the authenticator data is written by webauthn4j's own converters.
 */
public final class SoftwareAuthenticator {

    public static final byte UP = AuthenticatorData.BIT_UP;
    public static final byte UV = AuthenticatorData.BIT_UV;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    public final KeyPair key;
    final byte[] credentialId = new byte[32];
    public long signCount;
    /** The counter step per assertion: 0 for an authenticator that does not count. */
    public final long countStep;

    public SoftwareAuthenticator(long countStep) {
        this.countStep = countStep;
        new SecureRandom().nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return B64URL.encodeToString(credentialId);
    }

    /** The answer to creation options: a "none" attestation of a new credential. */
    public String register(JsonObject options, String origin, String rpId) {
        String clientData = clientData("webauthn.create", options.getString("challenge"), origin);
        AuthenticatorData<?> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (UP | UV | AuthenticatorData.BIT_AT), signCount,
                new AttestedCredentialData(AAGUID.ZERO, credentialId, EC2COSEKey.create(
                        (java.security.interfaces.ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256)));
        @SuppressWarnings("unchecked")
        byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(
                new AttestationObject((AuthenticatorData) data, new NoneAttestationStatement()));
        return Json.createObjectBuilder().add("id", id()).add("rawId", id()).add("type", "public-key")
                .add("response", Json.createObjectBuilder()
                        .add("clientDataJSON", B64URL.encodeToString(clientData.getBytes(StandardCharsets.UTF_8)))
                        .add("attestationObject", B64URL.encodeToString(attestation))
                        .add("transports", Json.createArrayBuilder().add("internal")))
                .add("clientExtensionResults", Json.createObjectBuilder())
                .add("authenticatorAttachment", "platform").build().toString();
    }

    /** The answer to request options, signed with the key, for this user handle; the count moves on. */
    public String nextAssertion(JsonObject options, String origin, String rpId, String userHandle, byte flags) {
        signCount += countStep;
        return assertion(options.getString("challenge"), origin, rpId, userHandle, flags, signCount);
    }

    /** An assertion with any count (a cloned key's). */
    public String assertion(String challenge, String origin, String rpId, String userHandle, byte flags, long count) {
        String clientData = clientData("webauthn.get", challenge, origin);
        byte[] data = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, count));
        byte[] clientDataBytes = clientData.getBytes(StandardCharsets.UTF_8);
        byte[] signature;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key.getPrivate());
            ecdsa.update(data);
            ecdsa.update(sha256(clientDataBytes));
            signature = ecdsa.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var response = Json.createObjectBuilder()
                .add("clientDataJSON", B64URL.encodeToString(clientDataBytes))
                .add("authenticatorData", B64URL.encodeToString(data))
                .add("signature", B64URL.encodeToString(signature));
        if (userHandle != null) {
            response.add("userHandle", userHandle);
        }
        return Json.createObjectBuilder().add("id", id()).add("rawId", id()).add("type", "public-key")
                .add("response", response).add("clientExtensionResults", Json.createObjectBuilder())
                .build().toString();
    }

    private static String clientData(String type, String challenge, String origin) {
        return Json.createObjectBuilder().add("type", type).add("challenge", challenge).add("origin", origin)
                .add("crossOrigin", false).build().toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
