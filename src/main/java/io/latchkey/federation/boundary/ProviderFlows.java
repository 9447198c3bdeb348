package io.latchkey.federation.boundary;

import io.latchkey.accounts.boundary.Accounts;
import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.Registration;
import io.latchkey.accounts.boundary.SingleSignOn;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.boundary.Client;
import io.latchkey.authentication.boundary.SessionStart;
import io.latchkey.authentication.boundary.SignInStep;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.control.ProviderAccount;
import io.latchkey.federation.entity.Identity;
import io.latchkey.federation.entity.ProviderFlow;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The steps of a flow that touch the database, each in a short transaction of its own: no lock is held while a
 * provider is being asked ({@link ProviderCallback} does that between {@link #claim} and {@link #conclude}).
 */
@Stateless
public class ProviderFlows {

    static final String FEDERATED = "fed";
    /** The methods of RFC 8176 a trusted provider's {@code amr} may add to a session's. */
    static final Set<String> METHODS = Set.of("pwd", "otp", "hwk", "swk", "mfa", "sms", "pin", "fpt", "face",
            "iris", "retina", "sc", "tel", "user", "kba", "vbm", "wia", "pop", "rba", "geo");
    /** An {@code amr} that shows the provider asked for more than one factor. */
    static final Set<String> FACTORS = Set.of("otp", "hwk", "swk", "sms", "fpt", "face", "iris", "retina", "sc");
    static final String WRONG_FLOW = "This sign-in cannot be completed; start it again";
    private static final Logger LOG = Logger.getLogger(ProviderFlows.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    Registration registration;

    @Inject
    SessionStart sessions;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

    @Inject
    Audit audit;

    @Inject
    SingleSignOn singleSignOn;

    /** A flow just stored: where to send the browser, and the secret its cookie keeps. */
    public record Started(URI location, String browserSecret) {
    }

    /** The flow the provider's callback belongs to, taken: what is needed to ask the provider. */
    public record Claimed(UUID flowId, String returnTo, ProviderFlow.Secrets secrets) {
    }

    /** How a callback ends: the SPA's address to go to with its fragment. */
    public record Outcome(String returnTo, String fragment) {
    }

    public Started start(Provider provider, URI redirectUri, String returnTo, Optional<String> loginHint,
                         Optional<UUID> linkUser) {
        ProviderFlow.Secrets secrets = ProviderFlow.Secrets.random();
        em.persist(ProviderFlow.start(provider.settings().id(), secrets, returnTo, linkUser.orElse(null),
                clock.instant()));
        return new Started(provider.authorizationUrl(secrets, redirectUri, loginHint), secrets.browser());
    }

    /**
     * The flow of this state, taken once (its row locked, so that of ten callbacks at once one wins), if this browser
     * started it at this provider; else the refusal and where to send the browser.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claimed claim(String providerId, String state, String browserSecret) throws Refused {
        if (state == null || state.isEmpty() || state.length() > 200) {
            throw new Refused(SsoError.INVALID, "/", "a callback without a state");
        }
        ProviderFlow flow = em.createNamedQuery(ProviderFlow.BY_STATE, ProviderFlow.class)
                .setParameter("hash", ProviderFlow.hash(state)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> new Refused(SsoError.INVALID, "/", "a state no flow has"));
        Optional<ProviderFlow.Refusal> refused = flow.callBack(providerId, browserSecret, clock.instant());
        if (refused.isPresent()) {
            // Taken all the same when it was this browser's: a replay of the callback finds it used.
            throw new Refused(refused.get() == ProviderFlow.Refusal.EXPIRED ? SsoError.EXPIRED : SsoError.INVALID,
                    flow.returnTo(), "flow " + flow.id() + " refused at the callback: " + refused.get()
                    + " (at " + providerId + ", started at " + flow.provider() + ")");
        }
        return new Claimed(flow.id(), flow.returnTo(), new ProviderFlow.Secrets(browserSecret, state));
    }

    /** A step refused: the SPA is told {@code code}; the log, why. Nothing of the step is kept. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class Refused extends Exception {
        private final SsoError error;
        private final String returnTo;

        public Refused(SsoError error, String returnTo, String why) {
            super(why);
            this.error = error;
            this.returnTo = returnTo;
        }

        public SsoError error() {
            return error;
        }

        public String returnTo() {
            return returnTo;
        }
    }

    /**
     * The provider said who signed in: the account they sign in to (found by its identity, linked by a verified
     * address where the operator allows it, or created), or the account a link was for; the value the SPA completes
     * with goes to the fragment.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome conclude(Claimed claimed, Provider provider, ProviderAccount account, String acceptLanguage)
            throws Refused {
        ProviderFlow flow = em.find(ProviderFlow.class, claimed.flowId(), LockModeType.PESSIMISTIC_WRITE);
        String providerId = provider.settings().id();
        Instant now = clock.instant();
        Optional<Identity> known = em.createNamedQuery(Identity.BY_SUBJECT, Identity.class)
                .setParameter("provider", providerId).setParameter("subject", account.subject())
                .getResultStream().findFirst();
        if (flow.linkUserId().isPresent()) {
            return link(flow, provider, account, known, now);
        }
        User user;
        if (known.isPresent()) {
            user = accounts.byId(known.get().userId())
                    .orElseThrow(() -> new Refused(SsoError.INVALID, flow.returnTo(), "an identity without account"));
            requireItsOwnProvider(user.email(), providerId, flow);
            known.get().used(account.email().orElse(null), now);
        } else {
            user = newcomer(flow, provider, account, now);
        }
        if (user.isDisabled(now)) {
            audit.recordFailure(Audit.Event.LOGIN_DISABLED, user.id());
            throw new Refused(SsoError.DISABLED, flow.returnTo(), "the account " + user.id() + " is disabled");
        }
        List<String> methods = new ArrayList<>(List.of(FEDERATED));
        if (provider.settings().trustMfa()) {
            account.amr().stream().filter(METHODS::contains).filter(m -> !methods.contains(m)).forEach(methods::add);
        }
        return new Outcome(flow.returnTo(), "sso=" + flow.concluded(user.id(), methods));
    }

    /** A new identity: an account of its verified address if the operator allows linking by it, else a new one. */
    private User newcomer(ProviderFlow flow, Provider provider, ProviderAccount account, Instant now)
            throws Refused {
        String providerId = provider.settings().id();
        // Only an address the provider verified says whose it is: an unverified one could be anyone's, and an
        // account made or linked with it would be waiting for its owner (a pre-account takeover).
        if (account.email().isEmpty() || !account.emailVerified()) {
            throw new Refused(SsoError.UNVERIFIED_EMAIL, flow.returnTo(), providerId + " gave no verified address");
        }
        EmailAddress address = EmailAddress.parse(account.email().get())
                .orElseThrow(() -> new Refused(SsoError.INVALID, flow.returnTo(), providerId
                        + " gave an address Latchkey does not take"));
        requireItsOwnProvider(address.value(), providerId, flow);
        Optional<User> owner = accounts.byEmail(address);
        if (owner.isPresent()) {
            User user = owner.get();
            if (!provider.settings().linkByEmail() || !user.isEmailVerified()) {
                throw new Refused(SsoError.ACCOUNT_EXISTS, flow.returnTo(), "the address of a new " + providerId
                        + " identity has an account");
            }
            attach(user, provider, account, now);
            return user;
        }
        User user = registration.federated(account.name().orElse(""), address, true, null)
                .orElseThrow(() -> new Refused(SsoError.ACCOUNT_EXISTS, flow.returnTo(), "the address of a new "
                        + providerId + " identity was taken a moment ago"));
        Identity identity = Identity.link(user.id(), providerId, account.subject(), address.value(), now);
        identity.used(null, now);
        em.persist(identity);
        audit.record(Audit.Event.IDENTITY_LINKED, user.id(), null);
        return user;
    }

    /** A link asked for from a signed-in session: the identity joins that account, unless another has it. */
    private Outcome link(ProviderFlow flow, Provider provider, ProviderAccount account, Optional<Identity> known,
                         Instant now) throws Refused {
        UUID userId = flow.linkUserId().orElseThrow();
        if (known.isPresent()) {
            if (!known.get().userId().equals(userId)) {
                throw new Refused(SsoError.ACCOUNT_EXISTS, flow.returnTo(), "the identity is linked to another account");
            }
            return new Outcome(flow.returnTo(), "sso_linked=" + provider.settings().id());
        }
        User user = accounts.byId(userId).orElseThrow(() -> new Refused(SsoError.INVALID, flow.returnTo(),
                "the account of a link is gone"));
        requireItsOwnProvider(user.email(), provider.settings().id(), flow);
        attach(user, provider, account, now);
        flow.concluded(userId, List.of());
        return new Outcome(flow.returnTo(), "sso_linked=" + provider.settings().id());
    }

    /**
     * An address of a domain in another provider's IDP_<ID>_DOMAINS signs in through that one only: a personal
     * account at a second provider must not become a way around the organisation's.
     */
    private void requireItsOwnProvider(String email, String providerId, ProviderFlow flow) throws Refused {
        Optional<SingleSignOn.Required> required = singleSignOn.requiredFor(email);
        if (required.isPresent() && !required.get().providerId().equals(providerId)) {
            throw new Refused(SsoError.SSO_REQUIRED, flow.returnTo(), "an address of "
                    + required.get().providerId() + "'s domains at " + providerId);
        }
    }

    private void attach(User user, Provider provider, ProviderAccount account, Instant now) {
        Identity identity = Identity.link(user.id(), provider.settings().id(), account.subject(),
                account.email().orElse(null), now);
        em.persist(identity);
        audit.record(Audit.Event.IDENTITY_LINKED, user.id(), null);
        notices.send(SecurityNotices.Kind.FACTORS, templates.identityLinked(People.recipient(user),
                provider.settings().name(), account.email().orElse(null)));
    }

    /**
     * The SPA completes the sign-in, once, in the browser that started it: as a login answers, a session or the
     * second step the account asks for (unless the provider is trusted for it and its {@code amr} shows one).
     */
    public SignInStep complete(String completion, String browserSecret, Client client,
                               java.util.function.Function<String, Optional<Provider>> providers) {
        sessions.attempt(client);
        if (completion == null || completion.isEmpty() || completion.length() > 200) {
            throw Problem.unauthorized(WRONG_FLOW);
        }
        ProviderFlow flow = em.createNamedQuery(ProviderFlow.BY_COMPLETION, ProviderFlow.class)
                .setParameter("hash", ProviderFlow.hash(completion)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElseThrow(() -> Problem.unauthorized(WRONG_FLOW));
        if (flow.linkUserId().isPresent() || flow.complete(browserSecret, clock.instant()).isPresent()) {
            LOG.info("Provider flow " + flow.id() + " refused at completion");
            throw Problem.unauthorized(WRONG_FLOW);
        }
        User user = accounts.byId(flow.userId().orElseThrow()).orElseThrow(() -> Problem.unauthorized(WRONG_FLOW));
        List<String> methods = flow.amr();
        boolean provedMore = methods.contains("mfa") || methods.stream().anyMatch(FACTORS::contains);
        boolean trusted = providers.apply(flow.provider()).map(p -> p.settings().trustMfa()).orElse(false);
        if (trusted && provedMore) {
            return sessions.signIn(user, methods, client, WRONG_FLOW);
        }
        return sessions.firstStepDone(user, FEDERATED, client, WRONG_FLOW);
    }

    /** Forgets the flows that ended or expired (a flow's rows are of use for its ten minutes only). */
    public int prune(Instant now) {
        return em.createNamedQuery(ProviderFlow.PRUNE).setParameter("before", now).executeUpdate();
    }
}
