package io.latchkey.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

/**
 * A Payara Micro whose port is still taken cannot listen, yet reports itself started: every start in the suite
 * waits for its port, and says so if it stays taken, rather than letting a whole suite fail with refused
 * connections.
 */
public final class Ports {

    private Ports() {
    }

    public static void awaitFree(int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(port));
                return;
            } catch (IOException taken) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Port " + port + " is still taken: another server is running", taken);
                }
                Mailbox.sleep(Duration.ofMillis(200));
            }
        }
    }
}
