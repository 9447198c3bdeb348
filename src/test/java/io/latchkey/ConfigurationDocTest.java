package io.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md against the code, so that the page cannot drift: every property Latchkey reads (each
 * {@code @ConfigProperty}, and the defaults file) has its row, every row names a property something reads, and each
 * default in the code is the default the page gives.
 */
class ConfigurationDocTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path DEFAULTS = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path PAGE = Path.of("docs/CONFIGURATION.md");
    private static final Pattern PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"(?:\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|(.*)\\|(.*)\\|$", Pattern.MULTILINE);
    /** Read by others than Latchkey's code: the server's pool (server-config/) and MicroProfile JWT itself. */
    private static final Set<String> READ_BY_THE_SERVER = Set.of("DB_URL", "DB_USER", "DB_PASSWORD",
            "MP_JWT_VERIFY_AUDIENCES");

    @Test
    void everyPropertyTheCodeReadsIsOnThePageAndNothingElse() throws IOException {
        Set<String> documented = new TreeSet<>(rows().keySet());
        Set<String> read = new TreeSet<>(READ_BY_THE_SERVER);
        properties().keySet().forEach(name -> read.add(environmentName(name)));
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(read);
        assertEquals("missing [] unknown []", "missing " + missing + " unknown " + unknown,
                "docs/CONFIGURATION.md: settings the code reads that it lacks, and rows nothing reads");
    }

    @Test
    void everyDefaultInTheCodeIsTheDefaultOnThePage() throws IOException {
        Map<String, String> rows = rows();
        List<String> wrong = new ArrayList<>();
        properties().forEach((name, value) -> {
            String row = rows.get(environmentName(name));
            if (value != null && row != null && !row.contains("`" + value + "`")) {
                wrong.add(environmentName(name) + " defaults to `" + value + "`, the page says: " + row.strip());
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Property name to its default in the code (null: none), from the annotations, then the defaults file. */
    static Map<String, String> properties() throws IOException {
        Map<String, String> properties = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = PROPERTY.matcher(Files.readString(file));
                while (matcher.find()) {
                    properties.merge(matcher.group(1), nullToEmpty(matcher.group(2)), (a, b) -> a.isEmpty() ? b : a);
                }
            }
        }
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(DEFAULTS)) {
            defaults.load(reader);
        }
        // MicroProfile's own settings there (the JWT verifier's algorithm, issuer and header; OpenAPI's scan) are
        // Latchkey's design, not the operator's to change, unless the code reads them too.
        for (String name : defaults.stringPropertyNames()) {
            if (!name.startsWith("mp.") || properties.containsKey(name)) {
                properties.put(name, defaults.getProperty(name));
            }
        }
        properties.replaceAll((name, value) -> value.isEmpty() ? null : value);
        return properties;
    }

    /** Variable to its row's last cell, the default, from every table of the page. */
    private static Map<String, String> rows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        Matcher matcher = ROW.matcher(Files.readString(PAGE));
        while (matcher.find()) {
            String previous = rows.put(matcher.group(1), matcher.group(3));
            assertEquals(null, previous, matcher.group(1) + " has two rows");
        }
        return rows;
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
