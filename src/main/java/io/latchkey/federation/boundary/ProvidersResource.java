package io.latchkey.federation.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.SignedIn;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.boundary.Client;
import io.latchkey.authentication.boundary.SignInAnswers;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.entity.ProviderFlow;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Caching;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import io.latchkey.web.SameOriginOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signing in through an identity provider: the buttons' list, the redirect to the provider, its callback, the SPA's
 * completion (answered as a login is), and linking a provider to the signed-in account.
 */
@ApplicationScoped
@Path("v1/auth/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    IdentityProviders providers;

    @Inject
    ProviderFlows flows;

    @Inject
    ProviderCallback callbacks;

    @Inject
    SignInAnswers answers;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    @Inject
    StepUp stepUp;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String publicBase;

    @JsonbPropertyOrder({"id", "name", "domains"})
    public record ProviderView(String id, String name, List<String> domains) {
    }

    public record ProviderList(List<ProviderView> providers) {
    }

    public record LinkUrl(String url) {
    }

    @GET
    public ProviderList list() {
        return new ProviderList(providers.all().stream().map(p -> new ProviderView(p.settings().id(),
                p.settings().name(), p.settings().domains().stream().sorted().toList())).toList());
    }

    /** To the provider, with a new flow; the browser keeps the flow's secret in a cookie. */
    @GET
    @Path("{id}/start")
    public Response start(@PathParam("id") String id, @QueryParam("return_to") String returnTo,
                          @QueryParam("login_hint") String loginHint, @Context HttpServletRequest request) {
        Provider provider = provider(id);
        String back = ProviderFlow.returnTo(returnTo).orElseThrow(() -> Problem.validation("return_to",
                "Must be a path of the SPA, such as /account"));
        throttle.require("provider-start-ip:" + clientAddress.of(request), limits.loginPerIp(),
                "Too many sign-ins from your address; try again later");
        Optional<String> hint = Optional.ofNullable(loginHint).filter(h -> !h.isBlank() && h.length() <= 254
                && h.chars().noneMatch(Character::isISOControl));
        ProviderFlows.Started started = flows.start(provider, provider.settings().redirectUri(publicBase), back,
                hint, Optional.empty());
        return Response.status(Response.Status.FOUND).location(started.location())
                .header(HttpHeaders.SET_COOKIE, SsoCookie.issue(started.browserSecret()))
                .cacheControl(Caching.noStore()).build();
    }

    /** The provider's redirect back: always a redirect to the SPA (see ProviderCallback). */
    @GET
    @Path("{id}/callback")
    public Response callback(@PathParam("id") String id, @QueryParam("code") String code,
                             @QueryParam("state") String state, @QueryParam("error") String error,
                             @QueryParam("iss") String iss, @CookieParam(SsoCookie.NAME) String browserSecret,
                             @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        URI spa = callbacks.handle(id, new ProviderCallback.Callback(code, state, error, iss), browserSecret,
                acceptLanguage);
        return Response.seeOther(spa).cacheControl(Caching.noStore()).header("Referrer-Policy", "no-referrer").build();
    }

    /** The SPA's end of a sign-in: {@code {"flow"}} from {@code #sso=}, in the browser that started it. */
    @POST
    @Path("complete")
    @SameOriginOnly
    public Response complete(Fields body, @CookieParam(SsoCookie.NAME) String browserSecret,
                             @Context HttpServletRequest request) {
        String flow = Fields.of(body).text("flow").orElseThrow(() -> Problem.validation("flow", "Flow is required"));
        Response answer = answers.answer(flows.complete(flow, browserSecret, Client.of(request, clientAddress),
                providers::find));
        return Response.fromResponse(answer).header(HttpHeaders.SET_COOKIE, SsoCookie.clear()).build();
    }

    /**
     * Links a provider to the signed-in account: a new way in, so the rule of adding one (a strong recent sign-in or
     * a code). Answers the provider's URL to open in this browser, which gets the flow's cookie now.
     */
    @POST
    @Path("{id}/link")
    @RolesAllowed("user")
    @SameOriginOnly
    public Response link(@PathParam("id") String id, Fields body, @Context SecurityContext caller,
                         @Context HttpServletRequest request) {
        Provider provider = provider(id);
        Fields fields = Fields.of(body);
        String back = ProviderFlow.returnTo(fields.text("return_to").orElse("/"))
                .orElseThrow(() -> Problem.validation("return_to", "Must be a path of the SPA, such as /account"));
        User user = SignedIn.user(request);
        JsonWebToken jwt = Claims.of(caller);
        stepUp.requireForEnrolment(People.owner(user), Claims.amr(jwt), Claims.authTime(jwt),
                fields.text("mfa_code").orElse(null));
        ProviderFlows.Started started = flows.start(provider, provider.settings().redirectUri(publicBase), back,
                Optional.empty(), Optional.of(user.id()));
        return Response.ok(new LinkUrl(started.location().toString()))
                .header(HttpHeaders.SET_COOKIE, SsoCookie.issue(started.browserSecret()))
                .cacheControl(Caching.noStore()).build();
    }

    private Provider provider(String id) {
        return providers.find(id).orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such identity provider"));
    }
}
