package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.UUID;

/** Test users, each new: tests share the server, never an account. */
public final class Users {

    public static final String PASSWORD = "correct horse battery staple";

    private Users() {
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    /** Registers a new user with {@link #PASSWORD} and returns its JSON user. */
    public static JsonObject register(String email) {
        Api.Reply reply = Api.post("/api/v1/register/user", Api.json("name", "Test User", "email", email,
                "password", PASSWORD, "confirm_password", PASSWORD));
        assertEquals(201, reply.status(), reply.text());
        return reply.json().getJsonObject("user");
    }

    /** Logs in and returns the login response body. */
    public static JsonObject login(String email, String password) {
        Api.Reply reply = Api.post("/api/v1/auth/login", Api.json("email", email, "password", password));
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    /** A new registered user's access token. */
    public static String accessToken() {
        String email = newEmail();
        register(email);
        return login(email, PASSWORD).getString("token");
    }
}
