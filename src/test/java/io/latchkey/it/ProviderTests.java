package io.latchkey.it;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.ProviderSignIns.IDENTITIES;
import static io.latchkey.it.support.ProviderSignIns.PROVIDERS;
import static io.latchkey.it.support.ProviderSignIns.callback;
import static io.latchkey.it.support.ProviderSignIns.complete;
import static io.latchkey.it.support.ProviderSignIns.fragment;
import static io.latchkey.it.support.ProviderSignIns.login;
import static io.latchkey.it.support.ProviderSignIns.start;
import static io.latchkey.it.support.ProviderSignIns.verified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.support.Api;
import io.latchkey.it.support.AtOnce;
import io.latchkey.it.support.Database;
import io.latchkey.it.support.Mailbox;
import io.latchkey.it.support.Paths;
import io.latchkey.it.support.Problems;
import io.latchkey.it.support.ProviderSignIns;
import io.latchkey.it.support.RefreshCookies;
import io.latchkey.it.support.RogueTokens;
import io.latchkey.it.support.SecondInstance;
import io.latchkey.it.support.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Signing in through identity providers, against a real OpenID Connect provider on loopback (two issuers of it:
 * {@code corp}, trusted for its second factors and owning the domain corp.example.test, and {@code other}, which may
 * link by a verified address). Each rule of the contract, and the attacks on each step: replays, another browser,
 * forged ID tokens, a provider mixed up with the other, pre-account takeover.
 */
abstract class ProviderTests {

    static final String SPA = Api.BASE;
    /** The hex SHA-256 of a parameter, as the flows' table keeps its secrets. */
    static final String SHA256 = "encode(sha256(convert_to(?, 'UTF8')), 'hex')";

    static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    static String email() {
        return "fed-" + UUID.randomUUID() + "@example.test";
    }

    /** The callback's answer for a person with these claims: the SPA's fragment. */
    static Map<String, String> callbackFor(String provider, String subject, JsonObject claims) {
        ProviderSignIns.Started started = start(provider, "/");
        return fragment(callback(login(started.authorizeUrl(), subject, claims), started.cookie()));
    }

    static JsonObject with(JsonObject claims, String name, Object value) {
        var builder = Json.createObjectBuilder(claims);
        if (value instanceof Number number) {
            builder.add(name, number.longValue());
        } else if (value instanceof Boolean flag) {
            builder.add(name, flag);
        } else {
            builder.add(name, value.toString());
        }
        return builder.build();
    }

    @Test
    void theProvidersAreListedForTheSignInButtons() {
        Api.Reply reply = Api.get(PROVIDERS);

        assertEquals(200, reply.status(), reply.text());
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "corp").add("name", "Corp SSO")
                        .add("domains", Json.createArrayBuilder().add("corp.example.test")))
                .add(Json.createObjectBuilder().add("id", "other").add("name", "Other ID")
                        .add("domains", Json.createArrayBuilder())).build(), reply.json().getJsonArray("providers"));
    }

    @Test
    void theStartSendsTheBrowserToTheProviderWithStateNonceAndPkceAndKeepsOnlyHashes() {
        Api.Reply reply = Api.get(PROVIDERS + "/corp/start?return_to=%2Faccount");

        assertEquals(302, reply.status(), reply.text());
        Map<String, String> asked = ProviderSignIns.query(java.net.URI.create(reply.header("Location")));
        assertTrue(reply.header("Location").startsWith(ProviderSignIns.IDP + "/corp/authorize?"), reply.header("Location"));
        assertEquals("code", asked.get("response_type"));
        assertEquals("latchkey-suite", asked.get("client_id"));
        assertEquals(Api.BASE + "/api/v1/auth/providers/corp/callback", asked.get("redirect_uri"));
        assertEquals("openid email profile", asked.get("scope"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertTrue(asked.get("state").length() >= 43 && asked.get("nonce").length() >= 43, asked.toString());
        String cookie = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sso_flow="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("; Max-Age=600; Path=/api/v1/auth/providers; Secure; HttpOnly; SameSite=Lax"), cookie);
        assertTrue(reply.header("Cache-Control").contains("no-store"));
        String secret = ProviderSignIns.cookieOf(reply);
        assertEquals(1, Database.count("select count(*) from provider_flows where state_hash = " + SHA256
                + " and browser_hash = " + SHA256 + " and return_to = '/account' and provider = 'corp'",
                asked.get("state"), secret));
        assertEquals(0, Database.count("select count(*) from provider_flows f where position(? in f::text) > 0"
                + " or position(? in f::text) > 0 or position(? in f::text) > 0", asked.get("state"),
                asked.get("nonce"), secret), "no secret of the flow is stored");
    }

    @Test
    void returnToMustBeAPathOfTheSpa() {
        for (String bad : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
                "/account#frag", "account", "/a b", "/" + "x".repeat(600))) {
            Api.Reply reply = Api.get(PROVIDERS + "/corp/start?return_to=" + ProviderSignIns.encode(bad));
            JsonObject problem = Problems.assertProblem(reply, 422);
            assertEquals("return_to", problem.getJsonObject("data").getJsonArray("errors").getJsonObject(0)
                    .getString("param"), bad);
            assertTrue(reply.headers().allValues("Set-Cookie").isEmpty(), bad);
        }
        assertEquals(302, Api.get(PROVIDERS + "/corp/start?return_to=%2Faccount%3Ftab%3Dsecurity").status());
        assertEquals(302, Api.get(PROVIDERS + "/corp/start").status(), "none: the SPA's start page");
        Problems.assertProblem(Api.get(PROVIDERS + "/nope/start"), 404);
    }

    @Test
    void aFirstSignInCreatesAVerifiedAccountWithoutPasswordAndTheSameSubjectReturnsToIt() throws Exception {
        String subject = subject();
        String email = email();

        Api.Reply first = ProviderSignIns.signIn("other", subject, verified(email));

        assertEquals(200, first.status(), first.text());
        JsonObject user = first.json().getJsonObject("user");
        assertEquals(email, user.getString("email"));
        assertNotNull(RefreshCookies.of(first).value());
        assertEquals(List.of("fed"), SecondFactorTests.claims(first.json().getString("token")).getStringListClaim("amr"));
        String userId = user.getString("id");
        assertEquals(1, Database.count("select count(*) from users where id = ?::uuid and password_hash is null"
                + " and email_verified_at is not null and name = 'Fed Erated'", userId));
        assertEquals(1, Database.count("select count(*) from identities where user_id = ?::uuid and provider = 'other'"
                + " and subject = ? and email = ?", userId, subject, email));
        assertEquals(200, Api.get(Paths.ME, first.json().getString("token")).status());

        // The address at the provider changed: the subject is who it is.
        String changed = email();
        Api.Reply again = ProviderSignIns.signIn("other", subject, verified(changed));

        assertEquals(200, again.status(), again.text());
        assertEquals(userId, again.json().getJsonObject("user").getString("id"));
        assertEquals(email, again.json().getJsonObject("user").getString("email"), "Latchkey's address is its own");
        assertEquals(0, Database.count("select count(*) from users where lower(email) = ?", changed));
        assertEquals(1, Database.count("select count(*) from identities where subject = ? and email = ?"
                + " and last_used_at is not null", subject, changed));
        Problems.assertProblem(Api.post(Paths.LOGIN, json("email", email, "password", "")), 422);
        Problems.assertProblem(Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD)), 401);
    }

    @Test
    void theStateAndTheCompletionAreGoodOnce() {
        ProviderSignIns.Started started = start("other", "/");
        String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

        Map<String, String> first = fragment(callback(callbackUrl, started.cookie()));
        Map<String, String> replayed = fragment(callback(callbackUrl, started.cookie()));

        assertNotNull(first.get("sso"), first.toString());
        assertEquals(Map.of("sso_error", "invalid"), replayed);
        assertEquals(200, complete(first.get("sso"), started.cookie()).status());
        Problems.assertProblem(complete(first.get("sso"), started.cookie()), 401);
    }

    @Test
    void aCallbackOrACompletionFromAnotherBrowserIsRefused() {
        ProviderSignIns.Started started = start("other", "/");
        String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

        assertEquals(Map.of("sso_error", "invalid"), fragment(callback(callbackUrl, null)));
        assertEquals(Map.of("sso_error", "invalid"), fragment(callback(callbackUrl, "another-browsers-secret")));

        ProviderSignIns.Started mine = start("other", "/");
        Map<String, String> back = fragment(callback(login(mine.authorizeUrl(), subject(), verified(email())),
                mine.cookie()));
        Problems.assertProblem(complete(back.get("sso"), null), 401);
        Problems.assertProblem(complete(back.get("sso"), started.cookie()), 401);
        Problems.assertProblem(Api.send(Api.request(PROVIDERS + "/complete").header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").header("Cookie", "sso_flow=" + mine.cookie())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"flow\":\"" + back.get("sso") + "\"}"))),
                403);   // a cross-site page cannot complete it for the browser
        assertEquals(200, complete(back.get("sso"), mine.cookie()).status(), "still good for its own browser");
    }

    @Test
    void tenCompletionsOfOneFlowAtOnceSignInOnce() throws Exception {
        ProviderSignIns.Started started = start("other", "/");
        String subject = subject();
        Map<String, String> back = fragment(callback(login(started.authorizeUrl(), subject, verified(email())),
                started.cookie()));

        List<Integer> statuses = AtOnce.statuses(10, i -> complete(back.get("sso"), started.cookie()).status());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 401), statuses.toString());
        assertEquals(1, Database.count("select count(*) from sessions s join identities i on i.user_id = s.user_id"
                + " where i.subject = ?", subject));
    }

    @Test
    void tenCallbacksOfOneFlowAtOnceConcludeOnce() throws Exception {
        ProviderSignIns.Started started = start("other", "/");
        String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

        List<Integer> succeeded = AtOnce.statuses(10, i -> fragment(callback(callbackUrl, started.cookie()))
                .containsKey("sso") ? 1 : 0);

        assertEquals(1, succeeded.stream().mapToInt(Integer::intValue).sum(), succeeded.toString());
    }

    @Test
    void aNewSubjectWhoseAddressHasAnAccountIsNotLinkedByDefault() {
        String email = email();
        String userId = Users.register(email).getString("id");
        Database.update("update users set email_verified_at = now() where id = ?::uuid", userId);

        assertEquals(Map.of("sso_error", "account_exists"), callbackFor("corp", subject(), verified(email)));

        assertEquals(0, Database.count("select count(*) from identities where user_id = ?::uuid", userId));
    }

    @Test
    void linkingByAVerifiedAddressNeedsTheSettingAndBothAddressesVerified() throws Exception {
        String email = email();
        String userId = Users.register(email).getString("id");

        // Pre-account takeover: whoever registered the address first has not shown it is theirs.
        assertEquals(Map.of("sso_error", "account_exists"), callbackFor("other", subject(), verified(email)));
        assertEquals(0, Database.count("select count(*) from identities where user_id = ?::uuid", userId));

        Database.update("update users set email_verified_at = now() where id = ?::uuid", userId);
        assertEquals(Map.of("sso_error", "unverified_email"),
                callbackFor("other", subject(), with(verified(email), "email_verified", false)));

        Api.Reply linked = ProviderSignIns.signIn("other", subject(), verified(email));

        assertEquals(200, linked.status(), linked.text());
        assertEquals(userId, linked.json().getJsonObject("user").getString("id"));
        assertEquals(1, Database.count("select count(*) from identities where user_id = ?::uuid", userId));
        assertTrue(Mailbox.newest(email, "A sign-in through Other ID was linked").text().contains(email));
    }

    @Test
    void anAddressTheProviderDidNotVerifyCreatesNothing() {
        String email = email();
        JsonObject unverified = Json.createObjectBuilder().add("email", email).add("email_verified", false).build();
        JsonObject silent = Json.createObjectBuilder().add("email", email).build();
        JsonObject none = Json.createObjectBuilder().add("name", "No Address").build();

        assertEquals(Map.of("sso_error", "unverified_email"), callbackFor("other", subject(), unverified));
        assertEquals(Map.of("sso_error", "unverified_email"), callbackFor("other", subject(), silent));
        assertEquals(Map.of("sso_error", "unverified_email"), callbackFor("other", subject(), none));

        assertEquals(0, Database.count("select count(*) from users where lower(email) = ?", email));
    }

    @Test
    void theRegistrationRulesOfAddressesApplyToANewIdentity() {
        String lookalike = "p\u0430ypal-" + UUID.randomUUID() + "@example.test";   // a Cyrillic a among Latin letters

        assertEquals(Map.of("sso_error", "invalid"), callbackFor("other", subject(), verified(lookalike)));
        assertEquals(Map.of("sso_error", "invalid"), callbackFor("other", subject(), verified("not an address")));

        assertEquals(0, Database.count("select count(*) from users where email = ?", lookalike));
    }

    @Test
    void anIdTokenNotMeantForThisFlowIsRefused() {
        String email = email();
        long past = Instant.now().minusSeconds(120).getEpochSecond();
        Map<String, JsonObject> forged = Map.of(
                "another nonce", with(verified(email), "nonce", "forged-nonce"),
                "another client", with(verified(email), "aud", "another-client"),
                "expired", with(verified(email), "exp", past),
                "another issuer", with(verified(email), "iss", ProviderSignIns.IDP + "/other"));

        forged.forEach((what, claims) -> assertEquals(Map.of("sso_error", "invalid"),
                callbackFor("corp", subject(), claims), what));

        assertEquals(0, Database.count("select count(*) from users where lower(email) = ?", email));
    }

    @Test
    void aCallbackAtTheOtherProviderOrNamingTheOtherIssuerIsRefused() {
        ProviderSignIns.Started started = start("corp", "/");
        String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

        String atOther = callbackUrl.replace("/providers/corp/callback", "/providers/other/callback");
        assertEquals(Map.of("sso_error", "invalid"), fragment(callback(atOther, started.cookie())));

        ProviderSignIns.Started again = start("corp", "/");
        String mixedUp = login(again.authorizeUrl(), subject(), verified(email())) + "&iss="
                + ProviderSignIns.encode(ProviderSignIns.IDP + "/other");
        assertEquals(Map.of("sso_error", "invalid"), fragment(callback(mixedUp, again.cookie())));
    }

    @Test
    void theProviderDenyingOrAnExpiredFlowSaySo() {
        ProviderSignIns.Started started = start("other", "/account");
        String state = started.parameters().get("state");

        Api.Reply denied = callback(PROVIDERS + "/other/callback?error=access_denied&state=" + state, started.cookie());

        assertEquals(SPA + "/account#sso_error=denied", denied.header("Location"));

        ProviderSignIns.Started late = start("other", "/");
        String callbackUrl = login(late.authorizeUrl(), subject(), verified(email()));
        Database.update("update provider_flows set expires_at = now() - interval '1 second' where state_hash = "
                + SHA256, late.parameters().get("state"));
        assertEquals(Map.of("sso_error", "expired"), fragment(callback(callbackUrl, late.cookie())));
    }

    @Test
    void aDisabledAccountCannotSignInThroughAProvider() {
        String subject = subject();
        Api.Reply first = ProviderSignIns.signIn("other", subject, verified(email()));
        String userId = first.json().getJsonObject("user").getString("id");
        Database.update("update users set disabled_at = now() where id = ?::uuid", userId);

        assertEquals(Map.of("sso_error", "disabled"), callbackFor("other", subject, verified(email())));
    }

    @Test
    void theSecondFactorIsStillAskedUnlessATrustedProviderShowsOne() throws Exception {
        SecondFactorTests.Enrolled enrolled = SecondFactorTests.enrolled();
        Database.update("update users set email_verified_at = now() where id = ?::uuid", enrolled.userId());
        String subject = subject();
        Database.update("insert into identities (id, user_id, provider, subject, linked_at) values"
                + " (gen_random_uuid(), ?::uuid, 'other', ?, now()), (gen_random_uuid(), ?::uuid, 'corp', ?, now())",
                enrolled.userId(), subject, enrolled.userId(), subject);

        Api.Reply other = ProviderSignIns.signIn("other", subject, with(verified(enrolled.email()), "amr",
                "mfa"));
        assertEquals(200, other.status(), other.text());
        assertTrue(other.json().getBoolean("mfa_required"), "an untrusted provider's amr proves nothing here");
        Api.Reply second = SecondFactorTests.secondStep(other.json().getString("mfa_token"), enrolled.app().code(0));
        assertEquals(200, second.status(), second.text());
        assertEquals(List.of("fed", "otp"), SecondFactorTests.claims(second.json().getString("token"))
                .getStringListClaim("amr"));

        Api.Reply corpWithout = ProviderSignIns.signIn("corp", subject, verified(enrolled.email()));
        assertTrue(corpWithout.json().getBoolean("mfa_required"), corpWithout.text());

        JsonObject twoFactors = Json.createObjectBuilder(verified(enrolled.email()))
                .add("amr", Json.createArrayBuilder().add("pwd").add("otp")).build();
        Api.Reply corp = ProviderSignIns.signIn("corp", subject, twoFactors);
        assertEquals(200, corp.status(), corp.text());
        assertEquals(List.of("fed", "pwd", "otp"), SecondFactorTests.claims(corp.json().getString("token"))
                .getStringListClaim("amr"), "trusted: the provider's two factors count");
    }

    @Test
    void theCallbackMayArriveAtAnotherInstance() {
        ProviderSignIns.Started started = start("other", "/");
        String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

        String atSecond = callbackUrl.replace(Api.BASE, SecondInstance.shared().base());
        Api.Reply reply = callback(atSecond, started.cookie());

        Map<String, String> back = fragment(reply);
        assertNotNull(back.get("sso"), back.toString());
        assertEquals(200, complete(back.get("sso"), started.cookie()).status());
    }

    @Test
    void aSignedInUserLinksAProviderAndUnlinksIt() throws Exception {
        String email = Users.newEmail();
        Users.register(email);
        String token = RefreshCookies.login(email).json().getString("token");

        Api.Reply link = Api.post(PROVIDERS + "/corp/link", token, json("return_to", "/account"));

        assertEquals(200, link.status(), link.text());
        String cookie = ProviderSignIns.cookieOf(link);
        String subject = subject();
        Api.Reply back = callback(login(link.json().getString("url"), subject, verified("someone@corp.example.test")),
                cookie);
        assertEquals(SPA + "/account#sso_linked=corp", back.header("Location"));
        JsonObject identity = Api.get(IDENTITIES, token).json().getJsonArray("identities").getJsonObject(0);
        assertEquals("corp", identity.getString("provider"));
        assertEquals("Corp SSO", identity.getString("provider_name"));
        assertEquals("someone@corp.example.test", identity.getString("email"));
        assertTrue(Mailbox.newest(email, "A sign-in through Corp SSO was linked").text()
                .contains("someone@corp.example.test"));

        Api.Reply signedIn = ProviderSignIns.signIn("corp", subject, verified("someone@corp.example.test"));
        assertEquals(email, signedIn.json().getJsonObject("user").getString("email"), "it signs in to the account");

        Api.Reply elsewhere = RefreshCookies.login(email);
        String aged = SecondFactorTests.agedSignIn(RefreshCookies.of(elsewhere).value(),
                elsewhere.json().getString("token"));
        assertEquals(SecondFactorTests.STEP_UP, Problems.assertProblem(Api.delete(IDENTITIES + "/"
                + identity.getString("id"), aged, json()), 401).getString("type"));
        Api.Reply unlinked = Api.delete(IDENTITIES + "/" + identity.getString("id"), token, json());
        assertEquals(200, unlinked.status(), unlinked.text());
        assertEquals(0, Api.get(IDENTITIES, token).json().getJsonArray("identities").size());
        assertNotNull(Mailbox.newest(email, "A sign-in through Corp SSO was unlinked"));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'IDENTITY_UNLINKED'"
                + " and user_id = (select id from users where email = ?)", email));
    }

    @Test
    void theLastWayToSignInCannotBeUnlinkedAndDeletionRemovesIdentities() {
        Api.Reply signedIn = ProviderSignIns.signIn("other", subject(), verified(email()));
        String token = signedIn.json().getString("token");
        String userId = signedIn.json().getJsonObject("user").getString("id");
        String id = Api.get(IDENTITIES, token).json().getJsonArray("identities").getJsonObject(0).getString("id");

        Problems.assertProblem(Api.delete(IDENTITIES + "/" + id, token, json()), 409);
        Problems.assertProblem(Api.delete(IDENTITIES + "/" + UUID.randomUUID(), token, json()), 404);

        assertEquals(1, Database.count("select count(*) from identities where user_id = ?::uuid", userId));
        Api.Reply deleted = Api.delete(Paths.ACCOUNT, token, json());
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(0, Database.count("select count(*) from identities where user_id = ?::uuid", userId));
    }

    @Test
    void anAddressOfAnSsoDomainIsSentToItsProviderByEveryOtherWayInWhetherItHasAnAccountOrNot() {
        String member = "member-" + UUID.randomUUID() + "@corp.example.test";
        String memberId = Users.register(Users.newEmail()).getString("id");
        Database.update("update users set email = ?, email_verified_at = now() where id = ?::uuid", member, memberId);
        String stranger = "stranger-" + UUID.randomUUID() + "@Corp.Example.test";
        JsonObject provider = Json.createObjectBuilder().add("id", "corp").add("name", "Corp SSO").build();

        List<JsonObject> answers = new java.util.ArrayList<>();
        for (String address : List.of(member, stranger)) {
            JsonObject login = Problems.assertProblem(Api.post(Paths.LOGIN, json("email", address, "password",
                    Users.PASSWORD)), 403);
            assertEquals("urn:latchkey:problem:sso-required", login.getString("type"));
            assertEquals("Sign in with Corp SSO", login.getString("detail"));
            assertEquals(provider, login.getJsonObject("provider"));
            answers.add(login);
            for (Api.Reply reply : List.of(Api.post(Paths.LOGIN_EMAIL, json("email", address)),
                    Api.post(Paths.RESET, json("email", address)),
                    Api.post(Paths.REGISTER, json("name", "Corp Member", "email", address, "password", Users.PASSWORD,
                            "confirm_password", Users.PASSWORD)))) {
                assertEquals(provider, Problems.assertProblem(reply, 403).getJsonObject("provider"), address);
            }
        }

        assertEquals(answers.get(0), answers.get(1), "the answer tells nothing of the account");
        Mailbox.assertNoMore(0, member);
        assertEquals(0, Database.count("select count(*) from users where lower(email) = lower(?)", stranger));
        assertEquals(1, Database.count("select count(*) from users where password_hash is not null and id = ?::uuid",
                memberId), "nothing changed");
    }

    @Test
    void anUnsignedOrHmacSignedIdTokenIsRefused() throws Exception {
        for (String forged : List.of("none", "HS256")) {
            ProviderSignIns.Started started = start("corp", "/");
            RogueTokens.next(forged, started.parameters().get("nonce"));
            String callbackUrl = login(started.authorizeUrl(), subject(), verified(email()));

            assertEquals(Map.of("sso_error", "invalid"), fragment(callback(callbackUrl, started.cookie())), forged);
        }
    }

    @Test
    void anAdminSeesWhichProvidersAUserSignsInWith() {
        String subject = subject();
        String email = email();
        String userId = ProviderSignIns.signIn("other", subject, verified(email)).json().getJsonObject("user")
                .getString("id");
        AdminTests.Admin admin = AdminTests.admin();

        JsonObject detail = Api.get(AdminTests.USERS + "/" + userId, admin.token()).json();

        JsonObject identity = detail.getJsonArray("identities").getJsonObject(0);
        assertEquals("other", identity.getString("provider"));
        assertEquals("Other ID", identity.getString("provider_name"));
        assertEquals(email, identity.getString("email"));
        assertFalse(detail.getBoolean("has_password"));
        assertFalse(detail.toString().contains(subject), "the provider's subject is no business of the page");
    }

    /** Links a provider's account (this subject) to the account of this token, through the provider's login. */
    static void linkThrough(String token, String provider, String subject, String email) {
        Api.Reply link = Api.post(PROVIDERS + "/" + provider + "/link", token, json("return_to", "/account"));
        assertEquals(200, link.status(), link.text());
        Api.Reply back = callback(login(link.json().getString("url"), subject, verified(email)),
                ProviderSignIns.cookieOf(link));
        assertEquals(Map.of("sso_linked", provider), fragment(back));
    }

    @Test
    void aResetRemovesAProviderLinkedLatelyAndKeepsTheOwnersOlderOne() {
        String owner = Users.newEmail();
        String userId = Users.register(owner).getString("id");
        String token = RefreshCookies.login(owner).json().getString("token");
        String intruders = subject();
        linkThrough(token, "other", intruders, "intruder-" + UUID.randomUUID() + "@example.test");
        linkThrough(token, "corp", subject(), "owner@corp.example.test");
        Database.update("update identities set linked_at = now() - interval '8 days' where user_id = ?::uuid"
                + " and provider = 'corp'", userId);

        Api.post(Paths.RESET, json("email", owner));
        Api.Reply reset = Api.patch(Paths.UPDATE, json("token", Mailbox.newest(owner, RecoverySecurityTests.RESET)
                .token(Paths.RESET_LINK), "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD));

        assertEquals(200, reset.status(), reset.text());
        assertEquals(List.of("corp"), Database.values("select provider from identities where user_id = ?::uuid",
                userId), "the one linked within RECOVERY_FACTOR_WINDOW is gone, the older one stays");
        assertNotNull(Mailbox.newest(owner, "A sign-in through Other ID was unlinked"));
        assertEquals(1, Database.count("select count(*) from audit_events where kind = 'IDENTITY_UNLINKED'"
                + " and user_id = ?::uuid", userId));
        Api.Reply intruder = ProviderSignIns.signIn("other", intruders, verified("intruder-" + UUID.randomUUID()
                + "@example.test"));
        assertFalse(userId.equals(intruder.json().getJsonObject("user").getString("id")),
                "the intruder's provider account no longer reaches the owner's");
    }

    @Test
    void anEmailedSignInThatVerifiesTheAddressRemovesEveryProviderTheRegistrantLinked() {
        String victim = Users.newEmail();
        String userId = Users.register(victim).getString("id");   // by the attacker, who links their own provider
        String attackersToken = Users.login(victim, Users.PASSWORD).getString("token");
        linkThrough(attackersToken, "other", subject(), "attacker-" + UUID.randomUUID() + "@example.test");
        Database.update("update identities set linked_at = now() - interval '30 days' where user_id = ?::uuid",
                userId);

        Api.post(Paths.LOGIN_EMAIL, json("email", victim));
        java.util.regex.Matcher digits = EmailSignInTests.CODE.matcher(Mailbox.newest(victim,
                EmailSignInTests.CODE_SUBJECT).text());
        assertTrue(digits.find());
        assertEquals(200, Api.post(Paths.LOGIN_EMAIL_VERIFY, json("email", victim, "code", digits.group(1)))
                .status());

        assertEquals(0, Database.count("select count(*) from identities where user_id = ?::uuid", userId),
                "however old: the registrant's");
    }

    @Test
    void anAddressOfTheCompanysDomainSignsInThroughTheCompanysProviderOnly() {
        String member = "member-" + UUID.randomUUID() + "@corp.example.test";

        assertEquals(Map.of("sso_error", "sso_required"), callbackFor("other", subject(), verified(member)));
        assertEquals(0, Database.count("select count(*) from users where email = ?", member));

        String email = Users.newEmail();
        String userId = Users.register(email).getString("id");
        String token = Users.login(email, Users.PASSWORD).getString("token");
        Database.update("update users set email = ? where id = ?::uuid", member, userId);
        Api.Reply link = Api.post(PROVIDERS + "/other/link", token, json());
        assertEquals(Map.of("sso_error", "sso_required"), fragment(callback(login(link.json().getString("url"),
                subject(), verified("personal-" + UUID.randomUUID() + "@example.test")), ProviderSignIns.cookieOf(link))));
        assertEquals(0, Database.count("select count(*) from identities where user_id = ?::uuid", userId));
    }

    @Test
    void aPasskeyIsAWayInSoTheProviderMayGoAndSuchAnAccountDeletesItselfWithARecentSignIn() {
        Api.Reply signedIn = ProviderSignIns.signIn("other", subject(), verified(email()));
        String token = signedIn.json().getString("token");
        String userId = signedIn.json().getJsonObject("user").getString("id");
        JsonObject options = Api.post(PasskeyTests.OPTIONS, token, json()).json();
        io.latchkey.it.support.SoftwareAuthenticator key = new io.latchkey.it.support.SoftwareAuthenticator(1);
        assertEquals(201, PasskeyTests.postJson(PasskeyTests.REGISTER, token, key.register(options, Api.BASE,
                PasskeyTests.RP_ID)).status(), "a provider's sign-in may add a passkey (fed is a strong sign-in)");
        String id = Api.get(IDENTITIES, token).json().getJsonArray("identities").getJsonObject(0).getString("id");

        assertEquals(200, Api.delete(IDENTITIES + "/" + id, token, json()).status());

        Api.Reply deleted = Api.delete(Paths.ACCOUNT, token, json());
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(0, Database.count("select count(*) from users where id = ?::uuid", userId));
    }

    @Test
    void linkingNeedsASignedInUserAndAnUnknownProviderIsNotFound() {
        Problems.assertProblem(Api.post(PROVIDERS + "/corp/link", json()), 401);
        Problems.assertProblem(Api.get(IDENTITIES), 401);
        String token = Users.accessToken();
        Problems.assertProblem(Api.post(PROVIDERS + "/nope/link", token, json()), 404);
        Problems.assertProblem(Api.post(PROVIDERS + "/corp/link", token, json("return_to", "https://evil.example")),
                422);
    }
}
