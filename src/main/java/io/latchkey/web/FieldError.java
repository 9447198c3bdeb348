package io.latchkey.web;

/** One invalid field, in the reference API's shape (without echoing the submitted value). */
public record FieldError(String param, String msg) {
}
