package io.latchkey.web;

/** The body of a success that only says what happened, as the reference API answers: {@code {"message": ...}}. */
public record Message(String message) {
}
