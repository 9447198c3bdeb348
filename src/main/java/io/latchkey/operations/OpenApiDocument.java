package io.latchkey.operations;

import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * GET /openapi: the one description of the API, META-INF/openapi.yaml, as YAML or JSON by the request's Accept
 * header or {@code ?format=yaml|json}, as MicroProfile OpenAPI specifies. Payara's own endpoint (turned off in
 * server-config) answered {@code Accept: application/yaml} with a 406 HTML page; nothing was scanned from the code
 * anyway, so serving the file is all it did. On WildFly, the server's endpoint takes the path and serves the same file.
 */
@WebServlet("/openapi")
public class OpenApiDocument extends HttpServlet {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";
    private static final List<String> YAML_TYPES = List.of(YAML, "application/x-yaml", "text/yaml", "text/plain");

    private String yaml;
    private String json;

    @Override
    public void init() {
        try (InputStream file = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            yaml = new String(file.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<?, ?> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        json = Json.createObjectBuilder(stringKeys(document)).build().toString();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Optional<String> type = Optional.ofNullable(request.getParameter("format"))
                .map(format -> format.equalsIgnoreCase("json") ? JSON : YAML)
                .or(() -> chosen(request.getHeader("Accept")));
        if (type.isEmpty()) {
            new Problem(ProblemType.NOT_ACCEPTABLE, "The API description is available as " + YAML + ", text/plain or "
                    + JSON).writeTo(response);
            return;
        }
        response.setContentType(type.get());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(type.get().equals(JSON) ? json : yaml);
    }

    /**
     * The media type to answer for an Accept header, by its quality values: YAML (in the type asked for, or
     * application/yaml for a wildcard) or JSON; empty when the client accepts neither. No header means YAML.
     */
    static Optional<String> chosen(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(YAML);
        }
        List<Map.Entry<String, Double>> ranges = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String range = pieces[0].trim().toLowerCase(Locale.ROOT);
            double quality = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException unreadable) {
                        quality = 0;
                    }
                }
            }
            if (quality > 0) {
                ranges.add(Map.entry(range, quality));
            }
        }
        // The highest quality wins; the order of the header breaks ties (sort is stable).
        ranges.sort(Comparator.comparing(Map.Entry<String, Double>::getValue).reversed());
        for (Map.Entry<String, Double> range : ranges) {
            String name = range.getKey();
            if (YAML_TYPES.contains(name)) {
                return Optional.of(name);
            }
            if (name.equals(JSON)) {
                return Optional.of(JSON);
            }
            if (name.equals("*/*") || name.equals("application/*")) {
                return Optional.of(YAML);
            }
            if (name.equals("text/*")) {
                return Optional.of("text/plain");
            }
        }
        return Optional.empty();
    }

    /** YAML allows keys of any type (an unquoted 200 is a number); JSON's are strings. */
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), withStringKeys(value)));
        return copy;
    }

    private static Object withStringKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiDocument::withStringKeys).toList();
        }
        return value;
    }
}
