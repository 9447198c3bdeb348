package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/** POST /api/v1/auth/login: API.md endpoint 2 (the refresh cookie belongs to the sessions issue). */
abstract class LoginTests {

    @Test
    void returnsAnAccessTokenWithTheContractClaims() throws Exception {
        String email = Users.newEmail();
        JsonObject user = Users.register(email);
        Api.Reply reply = Api.post(Paths.LOGIN, json("email", email.toUpperCase(), "password", Users.PASSWORD));

        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.header("Cache-Control").contains("no-store"));
        JsonObject body = reply.json();
        assertEquals(Set.of("token", "expires_in", "user"), body.keySet());
        assertEquals(user, body.getJsonObject("user"));
        long expiresIn = body.getJsonNumber("expires_in").longValue();
        assertTrue(expiresIn > 590_000 && expiresIn <= 600_000, "milliseconds of a 10-minute token: " + expiresIn);

        SignedJWT jwt = SignedJWT.parse(body.getString("token"));
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(Mint.activeKid(), jwt.getHeader().getKeyID());
        var claims = jwt.getJWTClaimsSet();
        assertEquals(Api.BASE, claims.getIssuer());
        assertEquals(user.getString("id"), claims.getSubject());
        assertEquals(email, claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(false, claims.getBooleanClaim("email_verified"));
        assertTrue(claims.getJWTID() != null && claims.getIssueTime() != null);
        assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        String sid = claims.getStringClaim("sid");
        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid and user_id = ?::uuid",
                sid, user.getString("id")), "the sid names the session stored for this login");
    }

    @Test
    void missingFieldsAre422() {
        assertInvalid(Api.post(Paths.LOGIN, json("email", "a@example.test")), "password");
        assertInvalid(Api.post(Paths.LOGIN, json()), "email", "password");
    }

    @Test
    void importedBcryptUsersKeepTheirPasswordAndAreRehashedWithArgon2id() {
        String email = Users.newEmail();
        String id = Users.register(email).getString("id");
        byte[] salt = new byte[16];
        String bcrypt = OpenBSDBCrypt.generate("2b", "reference-api password".getBytes(StandardCharsets.UTF_8), salt, 10);
        Database.update("update users set password_hash = ? where id = ?::uuid", bcrypt, id);

        Users.login(email, "reference-api password");

        String rehashed = Database.value("select password_hash from users where id = ?::uuid", id).orElseThrow();
        assertTrue(rehashed.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rehashed);
        Users.login(email, "reference-api password");
        assertEquals(401, Api.post(Paths.LOGIN, json("email", email, "password", "wrong")).status());
    }

    @Test
    void hashesMadeWithOldParametersAreRehashedAtLogin() {
        String email = Users.newEmail();
        String id = Users.register(email).getString("id");
        // The same password hashed with weaker parameters, as an older policy would have stored it.
        String weak = Hashes.argon2id(Users.PASSWORD, 4096, 1, 1);
        Database.update("update users set password_hash = ? where id = ?::uuid", weak, id);

        Users.login(email, Users.PASSWORD);

        String current = Database.value("select password_hash from users where id = ?::uuid", id).orElseThrow();
        assertTrue(current.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), current);
    }
}
