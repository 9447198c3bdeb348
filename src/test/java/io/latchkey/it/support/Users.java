package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.util.UUID;

/** Test users, each new: tests share the server, never an account. */
public final class Users {

    public static final String PASSWORD = "correct horse battery staple";
    /** A second valid password, for changes and resets. */
    public static final String OTHER_PASSWORD = "a brand new pass phrase";

    private Users() {
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    /** Registers a new user with {@link #PASSWORD} and returns its JSON user. */
    public static JsonObject register(String email) {
        Api.Reply reply = Api.post(Paths.REGISTER, Api.json("name", "Test User", "email", email,
                "password", PASSWORD, "confirm_password", PASSWORD));
        assertEquals(201, reply.status(), reply.text());
        return reply.json().getJsonObject("user");
    }

    /** Logs in and returns the login response body. */
    public static JsonObject login(String email, String password) {
        Api.Reply reply = Api.post(Paths.LOGIN, Api.json("email", email, "password", password));
        assertEquals(200, reply.status(), reply.text());
        return reply.json();
    }

    /** A new registered user's access token. */
    public static String accessToken() {
        String email = newEmail();
        register(email);
        return login(email, PASSWORD).getString("token");
    }

    /** A new registered user's address (password {@link #PASSWORD}). */
    public static String newUser() {
        String email = newEmail();
        register(email);
        return email;
    }

    /** The registration answer, whatever it is. */
    public static Api.Reply registration(String name, String email, String password) {
        return Api.post(Paths.REGISTER, Api.json("name", name, "email", email, "password", password,
                "confirm_password", password));
    }

    /** Logs in on the server at {@code base} (this instance or another) and returns the answer. */
    public static Api.Reply loginOn(String base, String email) {
        return loginOn(base, email, PASSWORD);
    }

    public static Api.Reply loginOn(String base, String email, String password) {
        Api.Reply reply = Api.post(base + Paths.LOGIN, Api.json("email", email, "password", password));
        assertEquals(200, reply.status(), reply.text());
        return reply;
    }

    /** The session id ({@code sid}) of an access token. */
    public static String sid(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWT: " + accessToken, e);
        }
    }

    /** The profile {@code GET /me} answers for this access token. */
    public static JsonObject me(String token) {
        Api.Reply reply = Api.get(Paths.ME, token);
        org.junit.jupiter.api.Assertions.assertEquals(200, reply.status(), reply.text());
        return reply.json().getJsonObject("user");
    }
}
