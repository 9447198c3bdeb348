package io.latchkey.mail.control;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a mail's two bodies from its templates in {@code src/main/resources/mail}: {@code <name>.txt.mustache}
 * and {@code <name>.html.mustache}. Mustache inserts every value HTML-escaped in the HTML part and as it is in the
 * plain-text part; templates hold no logic, so what a mail says is all in its two files.
 */
@ApplicationScoped
public class MailRenderer {

    /** The two bodies of one mail. */
    public record Bodies(String text, String html) {
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
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    public Bodies render(String template, Map<String, ?> values) {
        return new Bodies(render(text, template + ".txt.mustache", values),
                render(html, template + ".html.mustache", values));
    }

    private String render(MustacheFactory factory, String file, Map<String, ?> values) {
        Mustache mustache = compiled.computeIfAbsent((factory == html ? "html:" : "text:") + file,
                key -> compile(factory, file));
        StringWriter out = new StringWriter();
        mustache.execute(out, values);
        return out.toString();
    }

    private static Mustache compile(MustacheFactory factory, String file) {
        InputStream template = MailRenderer.class.getClassLoader().getResourceAsStream("mail/" + file);
        if (template == null) {
            throw new IllegalStateException("No mail template " + file);
        }
        try (Reader reader = new InputStreamReader(template, StandardCharsets.UTF_8)) {
            return factory.compile(reader, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
