package io.latchkey.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Payara's MP-JWT reads the keys, and how the file is kept; nothing of it outside Payara. */
class LocalKeySetTest {

    @TempDir
    Path instanceRoot;

    @AfterEach
    void leavePayara() {
        System.clearProperty(LocalKeySet.INSTANCE_ROOT);
    }

    @Test
    void onPayaraTheVerifierIsPointedAtTheFileThatIsWritten() throws Exception {
        System.setProperty(LocalKeySet.INSTANCE_ROOT, instanceRoot.toString());
        Path file = instanceRoot.resolve("latchkey-jwks.json");

        LocalKeySet.write("{\"keys\":[1]}");
        LocalKeySet.write("{\"keys\":[1,2]}");

        assertEquals(file.toUri().toString(), new LocalKeySet().getValue(LocalKeySet.LOCATION));
        assertEquals("{\"keys\":[1,2]}", Files.readString(file));
        assertEquals(1, Files.list(instanceRoot).count(), "no temporary file left behind");
        assertTrue(new LocalKeySet().getOrdinal() > 300, "above environment variables");
    }

    @Test
    void elsewhereItNamesNothingAndWritesNothing() throws Exception {
        LocalKeySet.write("{\"keys\":[]}");

        assertNull(new LocalKeySet().getValue(LocalKeySet.LOCATION));
        assertTrue(new LocalKeySet().getPropertyNames().isEmpty());
        assertFalse(Files.list(instanceRoot).findAny().isPresent());
    }
}
