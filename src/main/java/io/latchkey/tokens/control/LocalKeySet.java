package io.latchkey.tokens.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * On Payara, MicroProfile JWT reads the verification keys from a file this instance keeps written
 * ({@link #write}), not from the instance's own JWKS URL. Payara fetches the key set on a request thread while
 * holding a lock that every other request to be verified waits on; fetched over HTTP from the same server, the
 * fetch needs a request thread of its own, and when all of them wait on that lock (as many concurrent
 * authenticated requests as threads when the cached set expires) nothing ever answers it: the server stopped
 * answering altogether in the benchmark. A local file needs no thread, and holds what the JWKS URL serves.
 *
 * <p>As a configuration source it names that file for {@code mp.jwt.verify.publickey.location}, with an ordinal
 * above environment variables (MP_JWT_VERIFY_PUBLICKEY_LOCATION, which only ever pointed at the instance's own
 * JWKS URL, is not needed on Payara) and below system properties. It says nothing outside Payara (GlassFish's
 * instance root property tells it): on WildFly the JWKS URL stays in use.
 */
public class LocalKeySet implements ConfigSource {

    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String INSTANCE_ROOT = "com.sun.aas.instanceRoot";

    /** Keeps the file holding the published keys, replaced whole so that no reader sees half of it. */
    public static void write(String jwks) {
        file().ifPresent(file -> {
            try {
                Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), jwks,
                        StandardCharsets.UTF_8);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("The key set for MicroProfile JWT cannot be written to " + file, e);
            }
        });
    }

    /** The file in the instance's root directory; none outside Payara. */
    static Optional<Path> file() {
        return Optional.ofNullable(System.getProperty(INSTANCE_ROOT))
                .map(root -> Path.of(root, "latchkey-jwks.json").toAbsolutePath());
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        String location = getValue(LOCATION);
        return location == null ? Map.of() : Map.of(LOCATION, location);
    }

    /** Asked for every property the application and the server look up: answers without building anything. */
    @Override
    public String getValue(String propertyName) {
        return LOCATION.equals(propertyName) ? file().map(file -> file.toUri().toString()).orElse(null) : null;
    }

    @Override
    public String getName() {
        return "Latchkey's local key set";
    }

    @Override
    public int getOrdinal() {
        return 350;
    }
}
