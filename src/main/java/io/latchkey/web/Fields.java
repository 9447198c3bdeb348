package io.latchkey.web;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a request body, read from JSON or from a form by {@link FieldsReader}. Only text fields exist in
 * this API: a field sent with another JSON type is kept as "wrong type" and refused when asked for.
 */
public final class Fields {

    static final Object NOT_TEXT = new Object();

    private final Map<String, Object> values;

    Fields(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** The fields of a request, none when it came without a body (JAX-RS then gives no entity at all). */
    public static Fields of(Fields body) {
        return body == null ? new Fields(Map.of()) : body;
    }

    /** The text of a field, or empty when it is absent or null; a field of another type is a 422. */
    public Optional<String> text(String name) {
        Object value = values.get(name);
        if (value == NOT_TEXT) {
            throw Problem.validation(name, "Must be a string");
        }
        return Optional.ofNullable((String) value);
    }

    /** The text of a field, the empty string standing for absent (validation then says what is missing). */
    public String textOrEmpty(String name) {
        return text(name).orElse("");
    }
}
