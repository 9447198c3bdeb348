package io.latchkey.mfa.control;

import io.latchkey.runtime.KeyRing;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals authenticator secrets under the service's AES-256 key (MFA_SECRET_KEY, or generated and kept like the
 * refresh-token key), bound to their owner: a sealed secret copied to another account's row does not open.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SecretSealing {

    private static final String KEY_NAME = "mfa-secret";

    @Inject
    KeyRing keyRing;

    @Inject
    @ConfigProperty(name = "mfa.secret.key")
    Optional<String> configuredKey;

    private volatile SecretBox box;

    @PostConstruct
    void loadKey() {
        box = new SecretBox(keyRing.key(KEY_NAME, configuredKey, "MFA_SECRET_KEY", 32, true));
    }

    public String seal(byte[] secret, UUID owner) {
        return box.seal(secret, owner.toString());
    }

    /** The secret, or an error: a sealed secret that does not open under this key means the key was changed. */
    public byte[] open(String sealed, UUID owner) {
        return box.open(sealed, owner.toString()).orElseThrow(() -> new IllegalStateException(
                "An authenticator secret does not open: was MFA_SECRET_KEY changed?"));
    }
}
