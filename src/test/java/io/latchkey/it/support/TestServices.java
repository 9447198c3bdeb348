package io.latchkey.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The real services the server under test depends on, started once per integration test run, before Arquillian
 * boots Payara Micro: an embedded PostgreSQL, a GreenMail SMTP server and an OpenID Connect provider (navikt's
 * mock-oauth2-server with its login form, every first path segment an issuer), all on loopback at the fixed ports the
 * POM gives the server through its environment. Unit test runs (no {@code it.db.port}) start nothing.
 */
public class TestServices implements LauncherSessionListener {

    private static EmbeddedPostgres postgres;
    private static GreenMail mail;
    private static MockOAuth2Server provider;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Instance.deleteTree(java.nio.file.Path.of("target/it-postgres"));
        if (System.getProperty("it.db.port") == null || postgres != null) {
            return;
        }
        startDatabase();
        startMail();
        startProvider();
        Ports.awaitFree(Integer.getInteger("it.http.port"));
    }

    /** Starts PostgreSQL on its data folder under target/, which survives {@link #stopDatabase()}. */
    public static synchronized void startDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(Integer.getInteger("it.db.port"))
                    .setDataDirectory(java.nio.file.Path.of("target/it-postgres"))
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    /** The database goes away under the running servers: connections are refused until it is started again. */
    public static synchronized void stopDatabase() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh SMTP server on the same port: what a mail server coming back after an outage looks like. */
    public static synchronized void startMail() {
        mail = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    /** The identity provider, up before the server reads its discovery documents at deployment. */
    public static synchronized void startProvider() {
        provider = new MockOAuth2Server(new OAuth2Config(true), new RogueTokens());
        try {
            provider.start(InetAddress.getByName("127.0.0.1"), Integer.getInteger("it.idp.port"));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenID Connect provider did not start", e);
        }
    }

    public static MockOAuth2Server provider() {
        return provider;
    }

    /** The SMTP server goes away: connections to its port are refused. */
    public static synchronized void stopMail() {
        mail.stop();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SecondInstance.stopShared();
        if (mail != null) {
            mail.stop();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (postgres != null) {
            stopDatabase();
            Instance.deleteTree(java.nio.file.Path.of("target/it-postgres"));
        }
    }

    public static GreenMail mail() {
        return mail;
    }
}
