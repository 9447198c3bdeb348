package io.latchkey.accounts.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A success that concerns a user (registered, verified): {@code {"message": ..., "user": USER}}. */
@JsonbPropertyOrder({"message", "user"})
public record UserMessage(String message, UserView user) {
}
