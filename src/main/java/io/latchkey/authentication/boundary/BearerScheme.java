package io.latchkey.authentication.boundary;

import io.latchkey.tokens.boundary.PublishedKeySet;
import jakarta.inject.Inject;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The Bearer scheme in any letter case, as the contract and RFC 9110 (11.1) say: Payara's MicroProfile JWT only
 * reads an Authorization header that starts with "Bearer " spelt so, and leaves the request anonymous otherwise.
 * Its mechanism runs in Jakarta Authentication, before any servlet filter, so the header is normalised there: the
 * authentication provider that the server registered for this application is wrapped, and hands the mechanism
 * the request with the scheme spelt "Bearer". The token itself is verified by MP-JWT alone, as for any request.
 * Where MP-JWT does not run through Jakarta Authentication (WildFly), nothing is registered and nothing changes.
 *
 * <p>The same place remembers the tokens MP-JWT accepted ({@link VerifiedTokens}): a token presented again is
 * answered with what its verification told the server (the caller and groups, passed to the server's callback
 * handler as MP-JWT's mechanism passed them), without verifying its signature again. Which tokens MP-JWT accepts
 * is unchanged; the profile in docs/BENCHMARK.md shows what the second verification cost.
 */
@WebListener
public class BearerScheme implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(BearerScheme.class.getName());
    private static final String LAYER = "HttpServlet";
    private static final String SCHEME = "Bearer ";
    private static final String AUTHORIZATION = "Authorization";

    /** Where the Authorization header of the operator's endpoints is left for {@code operations.OperatorAccess}. */
    public static final String METRICS_AUTHORIZATION = "io.latchkey.metrics.authorization";

    /** Enough for every token of a busy instance's quarter-hour; a token dropped is only verified again. */
    private static final int REMEMBERED_TOKENS = 4096;

    /** Marks a request answered from {@link VerifiedTokens}, whose response the mechanism need not see either. */
    private static final String REMEMBERED = BearerScheme.class.getName() + ".remembered";

    @Inject
    Clock clock;

    private String registration;

    /**
     * The metrics and health endpoints, which no access token opens: Payara serves them at the server's root, whatever
     * the application's context. Read from the URI alone, as it is asked on every request that carries a token.
     */
    private static boolean isOperators(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return isUnder(uri, "/metrics") || isUnder(uri, "/health");
    }

    private static boolean isUnder(String uri, String path) {
        return uri.startsWith(path) && (uri.length() == path.length() || uri.charAt(path.length()) == '/');
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String appContext = context.getVirtualServerName() + " " + context.getContextPath();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        AuthConfigProvider server = factory == null ? null : factory.getConfigProvider(LAYER, appContext, null);
        if (server == null) {
            LOG.info("No Jakarta Authentication provider for " + appContext + ": the Bearer scheme is left as the server reads it");
            return;
        }
        registration = factory.registerConfigProvider(new Provider(server, new Remembered(clock, new VerifiedTokens(REMEMBERED_TOKENS))), LAYER, appContext,
                "Latchkey: the Bearer scheme in any letter case, then " + server.getClass().getName());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (registration != null) {
            AuthConfigFactory.getFactory().removeRegistration(registration);
        }
    }

    /**
     * The request as the mechanism should see it: "Bearer " for any spelling of the scheme, else unchanged; and for
     * the operator's endpoints (metrics, health), no Authorization at all. Prometheus sends the operator's
     * METRICS_TOKEN as a Bearer token, which is no JWT: MP-JWT would refuse it with 401 before
     * {@code operations.OperatorAccess} could compare it (it never worked so). The token is left in a request attribute.
     */
    static HttpServletRequest normalised(HttpServletRequest request) {
        String authorization = request.getHeader(AUTHORIZATION);
        if (authorization != null && isOperators(request)) {
            request.setAttribute(METRICS_AUTHORIZATION, authorization);
            return withAuthorization(request, null);
        }
        if (authorization == null || authorization.startsWith(SCHEME)
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return request;
        }
        return withAuthorization(request, SCHEME + authorization.substring(SCHEME.length()));
    }

    /** The request with this Authorization header, or none for {@code null}; every other header as sent. */
    private static HttpServletRequest withAuthorization(HttpServletRequest request, String authorization) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                if (!AUTHORIZATION.equalsIgnoreCase(name)) {
                    return super.getHeaders(name);
                }
                return authorization == null ? Collections.emptyEnumeration()
                        : Collections.enumeration(java.util.List.of(authorization));
            }
        };
    }

    /** The access token of a request whose Authorization is a Bearer token, as MP-JWT reads it; else null. */
    static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(AUTHORIZATION);
        return authorization != null && authorization.startsWith(SCHEME) ? authorization.substring(SCHEME.length())
                : null;
    }

    /** The verified tokens and the clock that says when they expire. */
    private record Remembered(Clock clock, VerifiedTokens tokens) {
    }

    /** The server's provider, whose contexts get the normalised request. */
    private record Provider(AuthConfigProvider server, Remembered remembered) implements AuthConfigProvider {

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return server.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            if (handler == null) {
                ServerAuthConfig config = server.getServerAuthConfig(layer, appContext, null);
                return config == null ? null : new Config(config, null, remembered);
            }
            ServerAuthConfig config = server.getServerAuthConfig(layer, appContext, new Recording(handler));
            return config == null ? null : new Config(config, handler, remembered);
        }

        @Override
        public void refresh() {
            server.refresh();
        }
    }

    /** The server's configuration; its contexts remember verifications when the server's handler is known. */
    private record Config(ServerAuthConfig server, CallbackHandler handler, Remembered remembered)
            implements ServerAuthConfig {

        /** Jakarta Authentication's interface takes a raw Map: it is passed on as it came. */
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public ServerAuthContext getAuthContext(String authContextID, Subject serviceSubject, Map properties)
                throws AuthException {
            ServerAuthContext context = server.getAuthContext(authContextID, serviceSubject, properties);
            return context == null ? null : new Context(context, handler, remembered);
        }

        @Override
        public String getMessageLayer() {
            return server.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return server.getAppContext();
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return server.getAuthContextID(messageInfo);
        }

        @Override
        public void refresh() {
            server.refresh();
        }

        @Override
        public boolean isProtected() {
            return server.isProtected();
        }
    }

    /**
     * The server's context: the request normalised, and a token MP-JWT verified before answered as it was then.
     * Without the server's handler (null), every request goes to the server's context.
     */
    private record Context(ServerAuthContext server, CallbackHandler handler, Remembered remembered)
            implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (!(message.getRequestMessage() instanceof HttpServletRequest sent)) {
                return server.validateRequest(message, client, service);
            }
            HttpServletRequest request = normalised(sent);
            message.setRequestMessage(request);
            String token = handler == null ? null : bearerToken(request);
            if (token == null) {
                return server.validateRequest(message, client, service);
            }
            long keySet = PublishedKeySet.version();
            var known = remembered.tokens().find(token, remembered.clock().instant(), keySet);
            if (known.isPresent()) {
                tellServer(client, known.get().caller(), known.get().groups());
                message.getMap().put(REMEMBERED, Boolean.TRUE);
                return AuthStatus.SUCCESS;
            }
            Recording.Told told = Recording.start();
            try {
                AuthStatus status = server.validateRequest(message, client, service);
                if (status == AuthStatus.SUCCESS && told.caller instanceof JsonWebToken jwt
                        && token.equals(jwt.getRawToken())) {
                    remembered.tokens().remember(token, jwt, told.groups, jwt.getExpirationTime(), keySet,
                            remembered.clock().instant());
                }
                return status;
            } finally {
                Recording.stop();
            }
        }

        /** What MP-JWT's mechanism tells the server of a verified token (through Soteria's notifyContainerAboutLogin). */
        private void tellServer(Subject client, Principal caller, String[] groups) throws AuthException {
            try {
                handler.handle(groups == null ? new Callback[] {new CallerPrincipalCallback(client, caller)}
                        : new Callback[] {new CallerPrincipalCallback(client, caller),
                                new GroupPrincipalCallback(client, groups)});
            } catch (IOException | UnsupportedCallbackException e) {
                throw (AuthException) new AuthException("The server refused a verified caller").initCause(e);
            }
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            if (Boolean.TRUE.equals(message.getMap().get(REMEMBERED))) {
                return AuthStatus.SEND_SUCCESS;
            }
            return server.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            server.cleanSubject(message, subject);
        }
    }

    /**
     * The server's callback handler, which also notes what a verification on this thread told the server: the
     * caller and groups that {@link Context} remembers with the token.
     */
    private record Recording(CallbackHandler handler) implements CallbackHandler {

        /** What was told during one verification; no groups when none were told. */
        static final class Told {
            Principal caller;
            String[] groups;
        }

        private static final ThreadLocal<Told> CURRENT = new ThreadLocal<>();

        static Told start() {
            Told told = new Told();
            CURRENT.set(told);
            return told;
        }

        static void stop() {
            CURRENT.remove();
        }

        @Override
        public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
            handler.handle(callbacks);
            Told told = CURRENT.get();
            if (told == null) {
                return;
            }
            for (Callback callback : callbacks) {
                if (callback instanceof CallerPrincipalCallback caller) {
                    told.caller = caller.getPrincipal();
                } else if (callback instanceof GroupPrincipalCallback groups) {
                    told.groups = groups.getGroups();
                }
            }
        }
    }
}
