package io.latchkey.web;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a request body, read from JSON or from a form by {@link FieldsReader}. Fields are text, but for a
 * WebAuthn response sent as an object; a field sent with another JSON type is refused when asked for.
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

    /** The value of a JSON true or false, or empty when the field is absent or null; another type is a 422. */
    public Optional<Boolean> flag(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof Boolean)) {
            throw Problem.validation(name, "Must be true or false");
        }
        return Optional.ofNullable((Boolean) value);
    }

    /** Whether the body has this field, of any type but null. */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** The text of a field, or empty when it is absent or null; a field of another type is a 422. */
    public Optional<String> text(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof String)) {
            throw Problem.validation(name, "Must be a string");
        }
        return Optional.ofNullable((String) value);
    }

    /**
     * The JSON text of a field that is an object, as sent, for a library to parse; empty when it is absent or null;
     * a field of another type is a 422.
     */
    public Optional<String> objectText(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof ObjectText)) {
            throw Problem.validation(name, "Must be an object");
        }
        return Optional.ofNullable(value).map(v -> ((ObjectText) v).json());
    }

    /** A nested object, kept as the text it was sent as. */
    record ObjectText(String json) {
    }

    /** The text of a field, the empty string standing for absent (validation then says what is missing). */
    public String textOrEmpty(String name) {
        return text(name).orElse("");
    }

    /**
     * The typed request of an endpoint: a record whose components are this body's text fields, named as on the
     * wire in snake case ({@code confirmPassword} is {@code confirm_password}); absent fields are empty.
     */
    public <R extends Record> R as(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = textOrEmpty(wireName(components[i].getName()));
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a request of text fields", e);
        }
    }

    /** The field name on the wire of a record component: {@code confirmPassword} is {@code confirm_password}. */
    static String wireName(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
