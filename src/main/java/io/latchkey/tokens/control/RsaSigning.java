package io.latchkey.tokens.control;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * RS256 signers for access tokens. The signature is most of what a refresh costs, and AWS-LC (through Amazon
 * Corretto Crypto Provider, given the key in its own form) makes it about four times cheaper than the JDK's
 * provider (docs/BENCHMARK.md). The native provider signs where its library loads and passes its self-tests (it
 * ships for Linux x86-64 only); elsewhere, or with JWT_SIGNING_NATIVE=false, the JDK's does. It is never installed
 * JVM-wide: only these signers use it. Verification is untouched.
 */
public final class RsaSigning {

    private static final Logger LOG = Logger.getLogger(RsaSigning.class.getName());

    private RsaSigning() {
    }

    /** A thread-safe signer for the key: natively when {@code allowNative} and the platform has it. */
    public static RSASSASigner signer(RSAKey key, boolean allowNative) throws JOSEException {
        Optional<Provider> provider = allowNative ? Native.PROVIDER : Optional.empty();
        if (provider.isEmpty()) {
            return new RSASSASigner(key);
        }
        try {
            PrivateKey own = (PrivateKey) KeyFactory.getInstance("RSA", provider.get()).translateKey(key.toPrivateKey());
            RSASSASigner signer = new RSASSASigner(own);
            signer.getJCAContext().setProvider(provider.get());
            return signer;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("The native provider refused the signing key", e);
        }
    }

    /** The provider that {@link #signer} uses when native signing is allowed: for the log and the benchmark. */
    public static String providerName(boolean allowNative) {
        return allowNative ? Native.PROVIDER.map(Provider::getName).orElse("JDK") : "JDK";
    }

    /** Loaded on first use, once. */
    private static final class Native {

        static final Optional<Provider> PROVIDER = load();

        private static Optional<Provider> load() {
            try {
                AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
                provider.assertHealthy();
                LOG.info(() -> "Access tokens are signed with " + provider.getName() + " " + provider.getVersionStr());
                return Optional.of(provider);
            } catch (RuntimeException | LinkageError unavailable) {
                LOG.info(() -> "Access tokens are signed with the JDK's provider: the native one is unavailable here ("
                        + unavailable + ")");
                return Optional.empty();
            }
        }
    }
}
