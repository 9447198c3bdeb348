package io.latchkey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture of docs/ARCHITECTURE.md as rules on the compiled classes (ArchUnit): capabilities in layers,
 * each using only those below it; no cycles; entities that know nothing of any boundary; across capabilities, only
 * boundary types. Each rule was seen failing on a deliberate violation before it was kept.
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
            Set.of("federation"),
            Set.of("operations", "privacy"),
            Set.of("administration"));

    private static final String ROOT = "io.latchkey";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageHasALayerAndAPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java/io/latchkey");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(sources)) {
            dirs.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
        }
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        assertEquals(placed, packages, "the packages under io.latchkey and the layers here");
        try (Stream<Path> dirs = Files.walk(sources)) {
            List<Path> missing = dirs.filter(Files::isDirectory).filter(ArchitectureTest::hasJava)
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).toList();
            assertEquals(List.of(), missing, "packages without a package-info.java");
        }
    }

    /** A capability uses only capabilities of lower layers: not those above it, nor its neighbours in its layer. */
    @Test
    void capabilitiesUseOnlyThoseBelowThem() {
        ArchRuleDefinition.classes().should(useOnlyLowerLayers()).check(CLASSES);
    }

    @Test
    void noCyclesBetweenCapabilitiesNorBetweenTheirParts() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
        slices().matching(ROOT + ".(*).(*)..").namingSlices("$1.$2").should().beFreeOfCycles().check(CLASSES);
    }

    /** An entity holds rules and state; whoever needs it in another shape makes that shape in a boundary. */
    @Test
    void entitiesKnowNoBoundary() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(CLASSES);
    }

    /**
     * Across capabilities only boundary types are used: a capability's entities and controls are its own. Today's
     * exceptions are frozen in src/test/resources/archunit-store (each one removed there as it is fixed); a new
     * one fails.
     */
    @Test
    void acrossCapabilitiesOnlyBoundaryTypesAreUsed() {
        ArchRule rule = ArchRuleDefinition.classes().should(useOnlyBoundariesOfOthers());
        FreezingArchRule.freeze(rule).check(CLASSES);
    }

    static ArchCondition<JavaClass> useOnlyLowerLayers() {
        return new ArchCondition<>("use only capabilities of lower layers") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                int from = capability(type).map(ArchitectureTest::layerOf).orElse(LAYERS.size());
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    Optional<String> to = capability(dependency.getTargetClass());
                    if (to.isPresent() && !to.equals(capability(type)) && layerOf(to.get()) >= from) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    static ArchCondition<JavaClass> useOnlyBoundariesOfOthers() {
        return new ArchCondition<>("use no entity or control of another capability") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> to = capability(target);
                    if (to.isPresent() && !to.equals(capability(type)) && isInternal.test(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static final DescribedPredicate<JavaClass> isInternal = DescribedPredicate.describe("entity or control",
            type -> type.getPackageName().contains(".entity") || type.getPackageName().contains(".control"));

    /** The capability a class belongs to: the package right below io.latchkey; none for the root and outsiders. */
    static Optional<String> capability(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static int layerOf(String capability) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(capability)) {
                return i;
            }
        }
        throw new AssertionError("package " + capability + " has no layer in ArchitectureTest.LAYERS");
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
