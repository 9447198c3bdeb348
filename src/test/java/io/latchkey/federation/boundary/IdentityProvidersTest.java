package io.latchkey.federation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.accounts.boundary.SingleSignOn;
import io.latchkey.runtime.TestClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

/**
 * A provider whose discovery fails at start-up: out of service, its domains still its own, tried again by the
 * readiness probe (never by a sign-in's request) until a real provider answers at its issuer.
 */
class IdentityProvidersTest {

    @Test
    void aFailedDiscoveryIsTriedAgainByTheReadinessProbeOnlyAndItsDomainsWaitForIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        TestClock clock = new TestClock(Instant.parse("2026-12-08T10:00:00Z"));
        IdentityProviders providers = new IdentityProviders();
        providers.clock = clock;
        providers.ids = Optional.of("corp");
        Map<String, String> settings = Map.of("idp.corp.issuer", "http://127.0.0.1:" + port + "/corp",
                "idp.corp.client.id", "latchkey", "idp.corp.client.secret", "unit-test-secret",
                "idp.corp.domains", "corp.example.test");

        providers.load(name -> Optional.ofNullable(settings.get(name)), false);

        assertTrue(providers.find("corp").isEmpty());
        assertTrue(providers.problems().get(0).startsWith("discovery failed for corp"), providers.problems().toString());
        assertEquals(Optional.of(new SingleSignOn.Required("corp", "Corp")),
                providers.requiredFor("someone@corp.example.test"), "its addresses wait for it");
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), port);
        try {
            assertFalse(providers.problems().isEmpty(), "not tried again within 30 s");
            clock.advance(Duration.ofSeconds(31));
            assertTrue(providers.find("corp").isEmpty(), "a request does not try it again");
            assertTrue(providers.all().isEmpty());

            assertEquals(List.of(), providers.problems());
            assertTrue(providers.find("corp").isPresent(), "in service once the probe found it");
        } finally {
            server.shutdown();
        }
    }
}
