package io.latchkey.federation.boundary;

import io.latchkey.accounts.boundary.SingleSignOn;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.control.ProviderHttp;
import io.latchkey.federation.control.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The providers of {@code IDENTITY_PROVIDERS}, read and discovered at start-up. A provider whose settings are wrong
 * or whose discovery fails is left out, logged, and keeps readiness DOWN (a wrong setting until it is fixed, a
 * failed discovery until a later try succeeds: tried again by the readiness probe, at most every {@link #RETRY}).
 */
@ApplicationScoped
public class IdentityProviders implements SingleSignOn {

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(IdentityProviders.class.getName());

    @Inject
    Clock clock;

    /** The ids; each provider's own settings ({@code idp.<id>.*}) are read by name from the configuration. */
    @Inject
    @ConfigProperty(name = "identity.providers")
    Optional<String> ids;

    private final ProviderHttp http = new ProviderHttp();
    private volatile State state;

    /** The providers in service, and what keeps the others out. */
    record State(Map<String, Provider> providers, List<ProviderSettings> undiscovered, List<String> problems,
                 Instant triedAt) {
    }

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        state();
    }

    /** The provider of this id, in service. */
    public Optional<Provider> find(String id) {
        return Optional.ofNullable(state().providers().get(id));
    }

    public List<Provider> all() {
        return List.copyOf(state().providers().values());
    }

    /**
     * What keeps readiness DOWN: settings that are wrong, providers not discovered. Empty when all serve. Asked by
     * the readiness probe, which is where a failed discovery is tried again: never on a sign-in's request.
     */
    public List<String> problems() {
        State current = state();
        if (!current.undiscovered().isEmpty() && !clock.instant().isBefore(current.triedAt().plus(RETRY))) {
            synchronized (this) {
                if (state == current) {
                    state = rediscover(current);
                }
            }
        }
        return state.problems();
    }

    /**
     * The provider whose {@code IDP_<ID>_DOMAINS} holds this address's domain: also one not in service yet (its
     * addresses wait for it rather than fall back to a password).
     */
    @Override
    public Optional<Required> requiredFor(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1).strip();
        State current = state();
        return java.util.stream.Stream.concat(current.providers().values().stream().map(Provider::settings),
                        current.undiscovered().stream())
                .filter(settings -> settings.owns(domain)).findFirst()
                .map(settings -> new Required(settings.id(), settings.name()));
    }

    /** Read and discovered once, at deployment; after that a volatile read (logins ask on every request). */
    private State state() {
        State current = state;
        if (current == null) {
            synchronized (this) {
                if (state == null) {
                    Config config = ConfigProvider.getConfig();
                    load(name -> config.getOptionalValue(name, String.class),
                            config.getOptionalValue("latchkey.production", Boolean.class).orElse(false));
                }
                current = state;
            }
        }
        return current;
    }

    /** Reads the providers' settings ({@code idp.<id>.*} through {@code setting}) and discovers them. */
    synchronized void load(Function<String, Optional<String>> setting, boolean production) {
        List<String> problems = new ArrayList<>();
        List<ProviderSettings> configured = new ArrayList<>();
        for (String id : ProviderSettings.ids(ids, problems)) {
            ProviderSettings.Read read = ProviderSettings.read(id, setting, production);
            problems.addAll(read.problems());
            read.settings().ifPresent(configured::add);
        }
        problems.forEach(problem -> LOG.severe("Identity provider refused: " + problem));
        State discovered = rediscover(new State(Map.of(), configured, List.of(), Instant.EPOCH));
        List<String> all = new ArrayList<>(problems);
        all.addAll(discovered.problems());
        state = new State(discovered.providers(), discovered.undiscovered(), List.copyOf(all), discovered.triedAt());
    }

    /** Tries the discovery of those not yet discovered; the settings' own problems stay. */
    private State rediscover(State before) {
        Map<String, Provider> providers = new LinkedHashMap<>(before.providers());
        List<ProviderSettings> undiscovered = new ArrayList<>();
        List<String> problems = new ArrayList<>(before.problems().stream()
                .filter(p -> !p.startsWith(DISCOVERY)).toList());
        for (ProviderSettings settings : before.undiscovered()) {
            try {
                providers.put(settings.id(), Provider.discover(settings, http, clock));
                LOG.info("Identity provider " + settings.id() + " (" + settings.issuer() + ") is in service");
            } catch (ProviderHttp.ProviderException e) {
                undiscovered.add(settings);
                String problem = DISCOVERY + settings.id() + " (" + settings.issuer() + "): " + e.getMessage();
                problems.add(problem);
                LOG.severe("Identity provider refused: " + problem + "; tried again in " + RETRY.toSeconds() + " s");
            }
        }
        return new State(java.util.Collections.unmodifiableMap(providers), List.copyOf(undiscovered),
                List.copyOf(problems), clock.instant());
    }

    private static final String DISCOVERY = "discovery failed for ";
}
