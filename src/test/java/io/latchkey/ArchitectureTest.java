package io.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The order of docs/ARCHITECTURE.md, checked against the imports: a package uses only packages of lower layers;
 * packages of one layer do not use each other. A new package must be placed in a layer here and there.
 */
class ArchitectureTest {

    /** Bottom first. The root package (the JAX-RS application) sits above them all. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("web", "runtime"),
            Set.of("production", "telemetry", "throttling"),
            Set.of("mail", "tokens", "passwords"),
            Set.of("mfa"),
            Set.of("accounts"),
            Set.of("authentication"),
            Set.of("operations", "privacy"));

    private static final Path SOURCES = Path.of("src/main/java/io/latchkey");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.latchkey\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageHasALayerAndAPackageInfo() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
        }
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        assertEquals(placed, packages, "the packages under io.latchkey and the layers here");
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<Path> missing = dirs.filter(Files::isDirectory).filter(dir -> hasJava(dir))
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).toList();
            assertEquals(List.of(), missing, "packages without a package-info.java");
        }
    }

    @Test
    void capabilitiesUseOnlyThoseBelowThem() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                int from = relative.getNameCount() == 1 ? LAYERS.size() : layerOf(relative.getName(0).toString());
                String fromPackage = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!to.equals(fromPackage) && layerOf(to) >= from) {
                        upward.add(relative + " uses " + to);
                    }
                }
            }
        }
        assertTrue(upward.isEmpty(), "imports against the layering: " + upward);
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " has no layer in ArchitectureTest.LAYERS");
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
