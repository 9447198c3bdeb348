package io.latchkey.federation.boundary;

import io.latchkey.federation.control.IdTokenCheck;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.control.ProviderAccount;
import io.latchkey.federation.control.ProviderHttp;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provider sends the browser back: the flow is taken (one transaction), the provider asked for the tokens with
 * no transaction open, and what it said concluded (another). Every outcome is a redirect to the SPA, with the value
 * to complete with or the reason it did not work in the fragment: never a page of the server's, never a token in a
 * URL.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProviderCallback {

    private static final Logger LOG = Logger.getLogger(ProviderCallback.class.getName());

    @Inject
    ProviderFlows flows;

    @Inject
    IdentityProviders providers;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String publicBase;

    @Inject
    @ConfigProperty(name = "app.frontend.url")
    String frontend;

    /** What the provider's redirect carried: RFC 6749 4.1.2 and RFC 9207's {@code iss}. */
    public record Callback(String code, String state, String error, String iss) {
    }

    public URI handle(String providerId, Callback callback, String browserSecret, String acceptLanguage) {
        String returnTo = "/";
        try {
            Provider provider = providers.find(providerId).orElseThrow(() -> new ProviderFlows.Refused(
                    SsoError.INVALID, "/", "a callback for the unknown provider " + providerId));
            ProviderFlows.Claimed claimed = flows.claim(providerId, callback.state(), browserSecret);
            returnTo = claimed.returnTo();
            if (callback.error() != null) {
                throw new ProviderFlows.Refused("access_denied".equals(callback.error()) ? SsoError.DENIED
                        : SsoError.INVALID, returnTo, providerId + " answered the error " + callback.error());
            }
            // RFC 9207: a provider that says it names itself must do so, and any that does must name itself.
            String issuer = provider.metadata().issuer().toString();
            if (callback.iss() == null ? provider.metadata().issParameterSupported()
                    : !callback.iss().equals(issuer)) {
                throw new ProviderFlows.Refused(SsoError.INVALID, returnTo, "the callback at " + providerId
                        + " names the issuer " + callback.iss() + ", not " + issuer + " (a mix-up?)");
            }
            if (callback.code() == null || callback.code().isEmpty() || callback.code().length() > 2048) {
                throw new ProviderFlows.Refused(SsoError.INVALID, returnTo, "a callback without a code");
            }
            ProviderAccount account = ask(provider, callback.code(), claimed, returnTo);
            ProviderFlows.Outcome outcome = flows.conclude(claimed, provider, account, acceptLanguage);
            return spa(outcome.returnTo(), outcome.fragment());
        } catch (ProviderFlows.Refused refused) {
            LOG.info("Sign-in through " + providerId + " refused (" + refused.error().code() + "): "
                    + refused.getMessage());
            return spa(refused.returnTo(), "sso_error=" + refused.error().code());
        } catch (RuntimeException unexpected) {   // the database gone, say: still a page of the SPA
            LOG.log(Level.WARNING, "Sign-in through " + providerId + " failed", unexpected);
            return spa(returnTo, "sso_error=" + SsoError.INVALID.code());
        }
    }

    private ProviderAccount ask(Provider provider, String code, ProviderFlows.Claimed claimed, String returnTo)
            throws ProviderFlows.Refused {
        try {
            return provider.exchange(code, claimed.secrets(), provider.settings().redirectUri(publicBase));
        } catch (ProviderHttp.ProviderException e) {
            throw new ProviderFlows.Refused(e.unreachable() ? SsoError.UNAVAILABLE : SsoError.INVALID, returnTo,
                    provider.settings().id() + ": " + e.getMessage());
        } catch (IdTokenCheck.Refused e) {
            throw new ProviderFlows.Refused(SsoError.INVALID, returnTo, provider.settings().id()
                    + "'s answer refused: " + e.getMessage());
        }
    }

    /** The SPA's address: APP_FRONTEND_URL, the flow's path, and the fragment the SPA reads at start-up. */
    URI spa(String returnTo, String fragment) {
        String base = frontend.endsWith("/") ? frontend.substring(0, frontend.length() - 1) : frontend;
        return URI.create(base + returnTo + "#" + fragment);
    }
}
