package io.latchkey.mail.control;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Renders a mail from its templates in the recipient's language: {@code <language>/<name>.txt.mustache}, whose first
 * line is {@code Subject: ...}, and {@code <language>/<name>.html.mustache}. A file in the operator's directory
 * (MAIL_TEMPLATES_DIR) wins over the one in the WAR, and English stands in for a language without the file, so an
 * operator can change one mail, or add a language, without a rebuild. Mustache inserts every value HTML-escaped in
 * the HTML part and as it is in the plain-text part; templates hold no logic.
 */
@ApplicationScoped
public class MailRenderer {

    public static final String FALLBACK = "en";
    /** The languages the WAR has every template in. */
    static final List<String> BUILT_IN = List.of("en", "de");
    private static final String SUBJECT = "Subject:";

    /** The three parts of one mail. */
    public record Bodies(String subject, String text, String html) {
    }

    private final MustacheFactory html = new DefaultMustacheFactory();
    private final MustacheFactory text = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    /** Compiled templates by origin (a file with its modification time, or a resource). */
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "mail.templates.dir")
    Optional<String> operatorDirectory = Optional.empty();

    public MailRenderer() {
    }

    /** For unit tests: a renderer that reads the operator's templates from this directory. */
    public MailRenderer(Path operatorDirectory) {
        this.operatorDirectory = Optional.of(operatorDirectory.toString());
    }

    public Bodies render(String template, String language, Map<String, ?> values) {
        String textPart = render(text, template + ".txt.mustache", language, values);
        String subject = "";
        if (textPart.startsWith(SUBJECT)) {
            int end = textPart.indexOf('\n');
            subject = (end < 0 ? textPart.substring(SUBJECT.length()) : textPart.substring(SUBJECT.length(), end)).strip();
            textPart = end < 0 ? "" : textPart.substring(end + 1).stripLeading();
        }
        if (subject.isEmpty()) {
            throw new IllegalStateException("The template " + template + ".txt.mustache (" + language
                    + ") does not start with a Subject: line");
        }
        return new Bodies(subject, textPart, render(html, template + ".html.mustache", language, values));
    }

    /** The languages mails can be written in: those of the WAR and those of the operator's directory. */
    public List<String> languages() {
        TreeSet<String> languages = new TreeSet<>(BUILT_IN);
        operatorDirectory.map(Path::of).filter(Files::isDirectory).ifPresent(directory -> {
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(name -> name.matches("[a-z]{2,3}")).forEach(languages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return List.copyOf(languages);
    }

    /** The best language for an Accept-Language header (RFC 4647 lookup), English when none fits. */
    public String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) {
            return FALLBACK;
        }
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), languages());
            return match == null ? FALLBACK : match;
        } catch (IllegalArgumentException malformed) {
            return FALLBACK;
        }
    }

    private String render(MustacheFactory factory, String file, String language, Map<String, ?> values) {
        StringWriter out = new StringWriter();
        find(factory, file, language)
                .or(() -> find(factory, file, FALLBACK))
                .orElseThrow(() -> new IllegalStateException("No mail template " + file))
                .execute(out, values);
        return out.toString();
    }

    private Optional<Mustache> find(MustacheFactory factory, String file, String language) {
        String kind = factory == html ? "html:" : "text:";
        String relative = language + "/" + file;
        Optional<Path> own = operatorDirectory.map(directory -> Path.of(directory, relative)).filter(Files::isRegularFile);
        if (own.isPresent()) {
            try {
                String key = kind + own.get() + "@" + Files.getLastModifiedTime(own.get()).toMillis();
                return Optional.of(compiled.computeIfAbsent(key, k -> compile(factory, read(own.get()), relative)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String resource = "mail/" + relative;
        Mustache found = compiled.get(kind + resource);
        if (found != null) {
            return Optional.of(found);
        }
        try (InputStream template = MailRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (template == null) {
                return Optional.empty();
            }
            Mustache mustache = compile(factory, new String(template.readAllBytes(), StandardCharsets.UTF_8), relative);
            compiled.put(kind + resource, mustache);
            return Optional.of(mustache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mustache compile(MustacheFactory factory, String template, String name) {
        try (Reader reader = new StringReader(template)) {
            return factory.compile(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
