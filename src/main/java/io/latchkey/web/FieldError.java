package io.latchkey.web;

/**
 * One invalid field, in the reference API's shape (without echoing the submitted value): a field of the body, or a
 * parameter of the query string.
 */
public record FieldError(String param, String msg, String location) {

    public FieldError(String param, String msg) {
        this(param, msg, "body");
    }

    public static FieldError ofQuery(String param, String msg) {
        return new FieldError(param, msg, "query");
    }
}
