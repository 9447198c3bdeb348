package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI and the audit trail (issue 7). */
abstract class OperationsTests {

    /** Every endpoint of API.md, by method and path template. */
    static final List<String[]> CONTRACT = List.of(
            new String[] {"GET", "/api/v1/admin/users"}, new String[] {"GET", "/api/v1/admin/users/{id}"},
            new String[] {"DELETE", "/api/v1/admin/users/{id}"}, new String[] {"POST", "/api/v1/admin/users/{id}/{action}"},
            new String[] {"POST", "/api/v1/admin/sessions/revoke"}, new String[] {"GET", "/api/v1/admin/audit"},
            new String[] {"POST", "/api/v1/register/user"}, new String[] {"POST", "/api/v1/auth/login"},
            new String[] {"PATCH", "/api/v1/auth/verify/email"}, new String[] {"POST", "/api/v1/auth/verify/resend/{userId}"},
            new String[] {"POST", "/api/v1/auth/password/reset"}, new String[] {"PATCH", "/api/v1/auth/password/update"},
            new String[] {"POST", "/api/v1/auth/logout/{userId}"}, new String[] {"POST", "/api/v1/auth/logout"},
            new String[] {"POST", "/api/v1/auth/tokens/refresh"}, new String[] {"GET", "/api/v1/auth/me"},
            new String[] {"PATCH", "/api/v1/auth/password"}, new String[] {"GET", "/api/v1/auth/sessions"},
            new String[] {"DELETE", "/api/v1/auth/sessions/{id}"}, new String[] {"DELETE", "/api/v1/auth/sessions"},
            new String[] {"POST", "/api/v1/auth/login/mfa"}, new String[] {"GET", "/api/v1/auth/mfa"},
            new String[] {"POST", "/api/v1/auth/mfa/totp"}, new String[] {"DELETE", "/api/v1/auth/mfa/totp"},
            new String[] {"POST", "/api/v1/auth/mfa/totp/confirm"}, new String[] {"POST", "/api/v1/auth/mfa/recovery-codes"},
            new String[] {"POST", "/api/v1/auth/passkeys/register/options"}, new String[] {"POST", "/api/v1/auth/passkeys/register"},
            new String[] {"POST", "/api/v1/auth/passkeys/login/options"}, new String[] {"POST", "/api/v1/auth/passkeys/login"},
            new String[] {"GET", "/api/v1/auth/passkeys"}, new String[] {"PATCH", "/api/v1/auth/passkeys/{id}"},
            new String[] {"DELETE", "/api/v1/auth/passkeys/{id}"},
            new String[] {"PATCH", "/api/v1/auth/me"}, new String[] {"POST", "/api/v1/auth/email"},
            new String[] {"POST", "/api/v1/auth/email/confirm"}, new String[] {"POST", "/api/v1/auth/email/undo"},
            new String[] {"GET", "/api/v1/auth/login/email"}, new String[] {"POST", "/api/v1/auth/login/email"},
            new String[] {"POST", "/api/v1/auth/login/email/verify"}, new String[] {"DELETE", "/api/v1/auth/account"},
            new String[] {"GET", "/api/v1/auth/account/export"},
            new String[] {"GET", "/api/v1/auth/providers"}, new String[] {"GET", "/api/v1/auth/providers/{id}/start"},
            new String[] {"GET", "/api/v1/auth/providers/{id}/callback"},
            new String[] {"POST", "/api/v1/auth/providers/complete"}, new String[] {"POST", "/api/v1/auth/providers/{id}/link"},
            new String[] {"GET", "/api/v1/auth/identities"}, new String[] {"DELETE", "/api/v1/auth/identities/{id}"},
            new String[] {"GET", "/.well-known/jwks.json"}, new String[] {"GET", "/.well-known/openid-configuration"});

    @Test
    void readinessAndLivenessAreUp() {
        Api.actAs(null);   // the operator's loopback, which sees the checks' details
        Api.Reply ready = Api.get("/health/ready");
        assertEquals(200, ready.status(), ready.text());
        JsonObject check = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("latchkey")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"));
        assertEquals("UP", check.getJsonObject("data").getString("database"));
        assertEquals("UP", check.getJsonObject("data").getString("signing-key"));
        assertEquals("UP", check.getJsonObject("data").getString("identity-providers"), "both suite providers serve");
        assertEquals(200, Api.get("/health/live").status());
    }

    /**
     * The description comes as YAML or JSON, whichever the client asks for. Payara's own endpoint answered
     * {@code Accept: application/yaml} with 406 and an HTML page.
     */
    @Test
    void theApiDescriptionIsServedInTheFormatAsked() {
        Api.Reply yaml = Api.send(Api.request("/openapi").header("Accept", "application/yaml").GET());
        assertEquals(200, yaml.status(), yaml.text());
        assertEquals("application/yaml;charset=UTF-8", yaml.header("Content-Type").replace(" ", ""));
        assertTrue(yaml.text().startsWith("openapi: 3.0.3"), yaml.text());

        Api.Reply plain = Api.send(Api.request("/openapi").header("Accept", "text/plain").GET());
        assertEquals(yaml.text(), plain.text());
        assertTrue(plain.header("Content-Type").startsWith("text/plain"), plain.header("Content-Type"));
        assertEquals(yaml.text(), Api.send(Api.request("/openapi").GET()).text(), "YAML when nothing is asked");

        Api.Reply json = Api.send(Api.request("/openapi?format=JSON").header("Accept", "application/yaml").GET());
        assertTrue(json.header("Content-Type").startsWith("application/json"), json.header("Content-Type"));
        assertEquals("Latchkey", json.json().getJsonObject("info").getString("title"));
        assertEquals(Api.send(Api.request("/openapi").header("Accept", "application/json").GET()).json(), json.json());

        assertProblem(Api.send(Api.request("/openapi").header("Accept", "image/png").GET()), 406);
    }

    @Test
    void everyEndpointOfTheContractIsServedAndDescribedInOpenApi() {
        JsonObject openapi = Api.send(Api.request("/openapi").header("Accept", "application/json").GET()).json();
        JsonObject paths = openapi.getJsonObject("paths");
        assertEquals(CONTRACT.stream().map(endpoint -> endpoint[1]).distinct().count(), (long) paths.size(),
                "META-INF/openapi.yaml alone, nothing scanned: " + paths.keySet());
        assertFalse(openapi.getJsonObject("components").getJsonObject("schemas").containsKey("Fields"),
                "no schema derived from the resources' Java types");
        for (String[] endpoint : CONTRACT) {
            String method = endpoint[0];
            String path = endpoint[1];
            assertTrue(paths.containsKey(path) && paths.getJsonObject(path).containsKey(method.toLowerCase(Locale.ROOT)),
                    method + " " + path + " is described; paths: " + paths.keySet());
            if (path.startsWith("/api")) {
                JsonObject responses = paths.getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT))
                        .getJsonObject("responses");
                // A redirect is the success of the providers' browser steps (start, callback).
                assertTrue(responses.keySet().stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3"))
                        && (responses.keySet().stream().anyMatch(code -> code.startsWith("4"))
                        || path.endsWith("/callback")),
                        method + " " + path + " documents its success and its errors: " + responses.keySet());
            }
            // A provider's id is a configured one; every other id a random UUID.
            String concrete = path.replace("/providers/{id}", "/providers/corp")
                    .replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
            int status = Api.send(method, concrete, Map.of()).status();
            assertNotEquals(404, status, method + " " + path + " is served");
            assertNotEquals(405, status, method + " " + path + " is served");
        }
    }

    /** The operations that take a JSON body, and the schema that describes it. */
    static final Map<String, String> REQUEST_BODIES = Map.ofEntries(
            Map.entry("post /api/v1/register/user", "RegisterRequest"), Map.entry("post /api/v1/auth/login", "LoginRequest"),
            Map.entry("patch /api/v1/auth/verify/email", "TokenRequest"),
            Map.entry("post /api/v1/auth/password/reset", "EmailRequest"),
            Map.entry("patch /api/v1/auth/password/update", "PasswordUpdateRequest"),
            Map.entry("patch /api/v1/auth/password", "PasswordChangeRequest"),
            Map.entry("post /api/v1/auth/login/mfa", "SecondStepRequest"),
            Map.entry("post /api/v1/auth/mfa/totp", "StepUpRequest"), Map.entry("delete /api/v1/auth/mfa/totp", "StepUpRequest"),
            Map.entry("post /api/v1/auth/mfa/totp/confirm", "CodeRequest"),
            Map.entry("post /api/v1/auth/mfa/recovery-codes", "StepUpRequest"),
            Map.entry("post /api/v1/auth/passkeys/register/options", "StepUpRequest"),
            Map.entry("post /api/v1/auth/passkeys/register", "PasskeyAttestation"),
            Map.entry("post /api/v1/auth/passkeys/login", "PasskeyAssertion"),
            Map.entry("post /api/v1/auth/passkeys/login/options", "PasskeyRequestOptionsRequest"),
            Map.entry("patch /api/v1/auth/passkeys/{id}", "PasskeyRename"),
            Map.entry("delete /api/v1/auth/passkeys/{id}", "StepUpRequest"),
            Map.entry("patch /api/v1/auth/me", "ProfileUpdate"), Map.entry("post /api/v1/auth/email", "EmailChangeRequest"),
            Map.entry("post /api/v1/auth/email/confirm", "TokenRequest"),
            Map.entry("post /api/v1/auth/email/undo", "TokenRequest"),
            Map.entry("post /api/v1/auth/login/email", "EmailRequest"),
            Map.entry("post /api/v1/auth/login/email/verify", "EmailCodeRequest"),
            Map.entry("delete /api/v1/auth/account", "DeletionRequest"),
            Map.entry("post /api/v1/admin/users/{id}/{action}", "AdminAction"),
            Map.entry("delete /api/v1/admin/users/{id}", "AdminAction"),
            Map.entry("post /api/v1/admin/sessions/revoke", "AdminBulkRevocation"),
            Map.entry("post /api/v1/auth/providers/complete", "ProviderCompletion"),
            Map.entry("post /api/v1/auth/providers/{id}/link", "ProviderLinkRequest"),
            Map.entry("delete /api/v1/auth/identities/{id}", "StepUpRequest"));

    @Test
    void everyOperationDescribesItsBodiesWithSchemasThatMatchWhatIsServed() {
        JsonObject openapi = Api.send(Api.request("/openapi").header("Accept", "application/json").GET()).json();
        JsonObject schemas = openapi.getJsonObject("components").getJsonObject("schemas");
        for (String[] endpoint : CONTRACT) {
            String method = endpoint[0].toLowerCase(Locale.ROOT);
            JsonObject operation = openapi.getJsonObject("paths").getJsonObject(endpoint[1]).getJsonObject(method);
            String name = method + " " + endpoint[1];
            operation.getJsonObject("responses").forEach((code, response) -> {
                if (code.startsWith("2")) {
                    String schema = schemaOf(response.asJsonObject(), schemas, name + " " + code);
                    assertTrue(endpoint[1].startsWith("/.well-known") || schemas.containsKey(schema), name + " " + code);
                }
            });
            if (REQUEST_BODIES.containsKey(name)) {
                assertEquals(REQUEST_BODIES.get(name), schemaOf(operation.getJsonObject("requestBody"), schemas, name));
            }
        }
        // The schemas say what the service sends: the required fields are exactly those of real responses.
        String email = Users.newEmail();
        JsonObject registered = Users.register(email);
        assertEquals(requiredOf(schemas, "User"), registered.keySet());
        JsonObject login = Users.login(email, Users.PASSWORD);
        assertEquals(requiredOf(schemas, "Tokens"), login.keySet());
        assertEquals(requiredOf(schemas, "Me"), Api.get(Paths.ME, login.getString("token")).json().keySet());
        JsonObject session = Api.get("/api/v1/auth/sessions", login.getString("token")).json()
                .getJsonArray("sessions").getJsonObject(0);
        assertEquals(requiredOf(schemas, "Session"), session.keySet());
        assertEquals(requiredOf(schemas, "SecondFactor"), Api.get(Paths.MFA, login.getString("token")).json().keySet());
        Api.Reply signInOptions = Api.post("/api/v1/auth/passkeys/login/options", json());
        assertEquals(200, signInOptions.status(), signInOptions.text());
        assertEquals(requiredOf(schemas, "PasskeyRequestOptions"), signInOptions.json().keySet());
        assertEquals(requiredOf(schemas, "PasskeyCreationOptions"),
                Api.post("/api/v1/auth/passkeys/register/options", login.getString("token"), json()).json().keySet());
        assertEquals(requiredOf(schemas, "PasskeyList"), Api.get("/api/v1/auth/passkeys", login.getString("token"))
                .json().keySet());
        assertEquals(requiredOf(schemas, "TotpEnrolment"),
                Api.post(Paths.MFA_TOTP, login.getString("token"), json()).json().keySet());
        assertEquals(requiredOf(schemas, "Profile"),
                Api.get(Paths.ME, login.getString("token")).json().getJsonObject("user").keySet());
        assertEquals(requiredOf(schemas, "Enabled"), Api.get(Paths.LOGIN_EMAIL).json().keySet());
        assertEquals(requiredOf(schemas, "AccountExport"),
                Api.get(Paths.EXPORT, login.getString("token")).json().keySet());
        assertEquals(requiredOf(schemas, "ProviderList"), Api.get("/api/v1/auth/providers").json().keySet());
        assertEquals(requiredOf(schemas, "IdentityList"), Api.get("/api/v1/auth/identities", login.getString("token"))
                .json().keySet());
    }

    /** The name of the component schema of an operation's response or request body (JSON). */
    private static String schemaOf(JsonObject body, JsonObject schemas, String what) {
        assertTrue(body != null && body.containsKey("content"), what + " has a body description: " + body);
        JsonObject schema = body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
        if (!schema.containsKey("$ref")) {
            return "(inline)";
        }
        String name = schema.getString("$ref").replace("#/components/schemas/", "");
        assertTrue(schemas.containsKey(name), what + " refers to a defined schema: " + name);
        return name;
    }

    private static java.util.Set<String> requiredOf(JsonObject schemas, String name) {
        return schemas.getJsonObject(name).getJsonArray("required").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void metricsCountWhatHappens() {
        String email = Users.newUser();
        Users.login(email, Users.PASSWORD);
        Api.post(Paths.LOGIN, json("email", email, "password", "wrong password"));
        Api.actAs(null);   // Prometheus on the loopback interface, not a client behind the proxy
        String metrics = Api.send(Api.request("/metrics?scope=application").header("Accept", "text/plain").GET()).text();
        for (String name : List.of("latchkey_logins_total{mp_scope=\"application\",outcome=\"success\"}",
                "latchkey_logins_total{mp_scope=\"application\",outcome=\"failure\"}", "latchkey_registrations_total",
                "latchkey_mails_queued_total", "latchkey_outbox_backlog", "latchkey_password_hash_seconds_count")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
    }

    @Test
    void theAuditTrailRecordsEachKindOfEventWithoutSecrets() throws Exception {
        String email = Users.newUser();
        String userId = Database.value("select id from users where email = ?", email).orElseThrow();
        String verification = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);
        Api.patch(Paths.VERIFY, json("token", verification));
        Api.post(Paths.LOGIN, json("email", email, "password", "wrong password"));
        Api.Reply laptop = RefreshCookies.login(email);
        Api.Reply phone = RefreshCookies.login(email);
        String stolen = RefreshCookies.of(phone).value();
        RefreshCookies.refresh(stolen);
        Thread.sleep(RefreshCookies.REUSE_INTERVAL.plusMillis(500).toMillis());
        RefreshCookies.refresh(stolen);
        String token = laptop.json().getString("token");
        Api.Reply tablet = RefreshCookies.login(email);
        Api.delete("/api/v1/auth/sessions/" + Users.sid(tablet.json().getString("token")), token);
        Api.patch(Paths.CHANGE_PASSWORD, token, json("current_password", Users.PASSWORD,
                "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD));
        RefreshCookies.post("/api/v1/auth/logout", RefreshCookies.of(laptop).value(), null);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 3, Paths.RESET_LINK);
        Api.patch(Paths.UPDATE, json("token", reset, "password", "yet another pass phrase",
                "confirm_password", "yet another pass phrase"));

        for (String kind : List.of("EMAIL_VERIFIED", "LOGIN_FAILED", "LOGIN_SUCCEEDED", "REFRESH_REUSE_DETECTED",
                "SESSION_REVOKED", "PASSWORD_CHANGED", "LOGOUT", "PASSWORD_RESET")) {
            assertTrue(Database.count("select count(*) from audit_events where user_id = ?::uuid and kind = ?", userId, kind) >= 1,
                    kind + " recorded");
        }
        assertEquals(0, Database.count("select count(*) from audit_events where user_id = ?::uuid"
                + " and (client_address is null or user_agent is null)", userId), "every event says from where");
        assertEquals(Api.clientAddress(), Database.value("select client_address from audit_events where user_id = ?::uuid"
                + " and kind = 'LOGIN_FAILED'", userId).orElseThrow());
        String everything = Database.value("select string_agg(e::text, ' ') from audit_events e where user_id = ?::uuid", userId)
                .orElseThrow();
        for (String secret : List.of(Users.PASSWORD, Users.OTHER_PASSWORD, token, stolen, verification, reset)) {
            assertFalse(everything.contains(secret), "no secret in the audit trail");
        }
    }

    @Test
    void aDatabaseOutageIsA503AndTheServiceRecoversByItself() {
        String registeredBefore = Users.newUser();
        // Its verification mail committed as sent first: stopped between SMTP's acceptance and that commit, the relay
        // would send it again after the outage (at least once, as the README says), which is not what is tested here.
        Await.until(() -> Database.count("select count(*) from outbox_mails where recipient = ? and sent_at"
                + " is not null", registeredBefore) == 1, "the verification mail sent and recorded before the outage");
        TestServices.stopDatabase();
        try {
            assertEquals(503, Api.get("/health/ready").status());
            Api.Reply login = Api.post(Paths.LOGIN, json("email", registeredBefore, "password", Users.PASSWORD));
            assertProblem(login, 503);
            assertEquals("5", login.header("Retry-After"), "a 503 says when to come back");
            assertProblem(Users.registration("N", Users.newEmail(), Users.PASSWORD), 503);
            assertEquals(200, Api.get("/health/live").status(), "alive: no reason to restart");
        } finally {
            TestServices.startDatabase();
        }
        Await.until(() -> Api.get("/health/ready").status() == 200, "ready again once the database is back");
        Users.login(registeredBefore, Users.PASSWORD);
        String after = Users.newEmail();
        Users.register(after);
        assertEquals("Verify your email address", Mailbox.last(after, 1).subject());
        assertEquals(1, Mailbox.of(registeredBefore).size(), "nothing lost, nothing sent twice");
    }
}
