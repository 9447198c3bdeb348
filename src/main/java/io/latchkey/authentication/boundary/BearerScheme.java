package io.latchkey.authentication.boundary;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
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
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * The Bearer scheme in any letter case, as the contract and RFC 9110 (11.1) say: Payara's MicroProfile JWT only
 * reads an Authorization header that starts with "Bearer " spelt so, and leaves the request anonymous otherwise.
 * Its mechanism runs in Jakarta Authentication, before any servlet filter, so the header is normalised there: the
 * authentication provider that the server registered for this application is wrapped, and hands the mechanism
 * the request with the scheme spelt "Bearer". The token itself is verified by MP-JWT alone, as for any request.
 * Where MP-JWT does not run through Jakarta Authentication (WildFly), nothing is registered and nothing changes.
 */
@WebListener
public class BearerScheme implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(BearerScheme.class.getName());
    private static final String LAYER = "HttpServlet";
    private static final String SCHEME = "Bearer ";
    private static final String AUTHORIZATION = "Authorization";

    /** Where the Authorization header of the operator's endpoints is left for {@code operations.OperatorAccess}. */
    public static final String METRICS_AUTHORIZATION = "io.latchkey.metrics.authorization";

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
        registration = factory.registerConfigProvider(new Provider(server), LAYER, appContext,
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

    /** The server's provider, whose contexts get the normalised request. */
    private record Provider(AuthConfigProvider server) implements AuthConfigProvider {

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return server.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            ServerAuthConfig config = server.getServerAuthConfig(layer, appContext, handler);
            return config == null ? null : new Config(config);
        }

        @Override
        public void refresh() {
            server.refresh();
        }
    }

    private record Config(ServerAuthConfig server) implements ServerAuthConfig {

        /** Jakarta Authentication's interface takes a raw Map: it is passed on as it came. */
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public ServerAuthContext getAuthContext(String authContextID, Subject serviceSubject, Map properties)
                throws AuthException {
            ServerAuthContext context = server.getAuthContext(authContextID, serviceSubject, properties);
            return context == null ? null : new Context(context);
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

    private record Context(ServerAuthContext server) implements ServerAuthContext {

        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (message.getRequestMessage() instanceof HttpServletRequest request) {
                message.setRequestMessage(normalised(request));
            }
            return server.validateRequest(message, client, service);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            return server.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            server.cleanSubject(message, subject);
        }
    }
}
