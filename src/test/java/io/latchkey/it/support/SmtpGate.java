package io.latchkey.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/**
 * The suite's SMTP server as the instances behind it see it, with faults on demand: a relay on loopback to
 * GreenMail that can be down (its port refuses connections) or slow (each connection waits before the server's
 * greeting, as an overloaded mail server makes its clients wait). Instances given its port as SMTP_PORT send through it.
 */
public final class SmtpGate implements AutoCloseable {

    private final int port;
    private final int target;
    private volatile Duration delay = Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
    private ServerSocket listening;
    private Thread acceptor;

    private SmtpGate(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /** A gate on {@code port}, open, relaying to the suite's SMTP server. */
    public static SmtpGate open(int port) {
        SmtpGate gate = new SmtpGate(port, Integer.getInteger("it.smtp.port"));
        gate.up();
        return gate;
    }

    public int port() {
        return port;
    }

    /** Connections are refused from now on, as when the mail server is stopped. */
    public synchronized void down() {
        if (listening != null) {
            close(listening);
            listening = null;
            join(acceptor);
        }
    }

    /** Connections are taken and relayed again. */
    public synchronized void up() {
        if (listening != null) {
            return;
        }
        try {
            Ports.awaitFree(port);
            listening = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket socket = listening;
        acceptor = new Thread(() -> accept(socket), "smtp-gate");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Each connection made from now on waits this long before the server says anything. */
    public void slow(Duration delay) {
        this.delay = delay;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Duration wait = delay;
                Thread relay = new Thread(() -> relay(client, wait), "smtp-gate-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Waits until some instance is in an SMTP session with the server (a mail being sent); false if none began. */
    public boolean awaitSession(Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (sessions.get() == 0 && Instant.now().isBefore(deadline)) {
            Mailbox.sleep(Duration.ofMillis(20));
        }
        return sessions.get() > 0;
    }

    private void relay(Socket client, Duration wait) {
        sessions.incrementAndGet();
        try (client; Socket server = pause(wait)) {
            Thread back = new Thread(() -> copy(server, client), "smtp-gate-back");
            back.setDaemon(true);
            back.start();
            copy(client, server);
            join(back);
        } catch (IOException gone) {
            // the client gave up (its read timeout) or the server went away: so does the relay
        } finally {
            sessions.decrementAndGet();
        }
    }

    private Socket pause(Duration wait) throws IOException {
        Mailbox.sleep(wait);
        return new Socket(InetAddress.getLoopbackAddress(), target);
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // one side closed: the other is closed with it
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        down();
    }
}
