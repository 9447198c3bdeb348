package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real messages the server sent to the test's SMTP server, read per recipient. */
public final class Mailbox {

    private Mailbox() {
    }

    /** A received message, with its plain text and HTML parts. */
    public record Received(String subject, String contentType, String text, String html) {
        /** The token of the one link to the given path ({@code /verify/email/}) in the text part. */
        public String token(String path) {
            return token(Api.BASE, path);
        }

        /** The same, for a server whose links start with another base URL. */
        public String token(String base, String path) {
            Matcher link = Pattern.compile(Pattern.quote(base + path) + "\\?token=([A-Za-z0-9_-]+)").matcher(text);
            if (!link.find()) {
                fail("no link to " + path + " in: " + text);
            }
            return link.group(1);
        }

        /** The targets of the HTML part's links, as a mail client reads them (character references decoded). */
        public java.util.List<String> htmlLinks() {
            java.util.List<String> links = new java.util.ArrayList<>();
            Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
            while (href.find()) {
                links.add(decodeReferences(href.group(1)));
            }
            return links;
        }
    }

    private static String decodeReferences(String attribute) {
        Matcher reference = Pattern.compile("&#(\\d+);|&(amp|lt|gt|quot|apos);").matcher(attribute);
        StringBuilder decoded = new StringBuilder();
        while (reference.find()) {
            String character = reference.group(1) != null ? Character.toString(Integer.parseInt(reference.group(1)))
                    : switch (reference.group(2)) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        default -> "'";
                    };
            reference.appendReplacement(decoded, Matcher.quoteReplacement(character));
        }
        return reference.appendTail(decoded).toString();
    }

    public static List<Received> of(String recipient) {
        return Arrays.stream(TestServices.mail().getReceivedMessages())
                .filter(m -> isFor(m, recipient))
                .map(Mailbox::read)
                .toList();
    }

    /** Waits until the recipient has exactly this many messages (the outbox relay runs every second). */
    public static List<Received> await(String recipient, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<Received> received = of(recipient);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
            received = of(recipient);
        }
        assertEquals(count, received.size(), "messages to " + recipient);
        return received;
    }

    /** Asserts that each recipient gets nothing more than it has, over a few relay ticks. */
    public static void assertNoMore(int count, String... recipients) {
        sleep(Duration.ofMillis(2500));
        for (String recipient : recipients) {
            assertEquals(count, of(recipient).size(), "messages to " + recipient);
        }
    }

    public static void assertNoMore(String recipient, int count) {
        assertNoMore(count, recipient);
    }

    /**
     * Waits until the recipient has this many messages and returns the token of the newest one with a link to the
     * path. Mails of different kinds (a verification, then a reset) may arrive in either order: each instance's
     * relay sends whichever it takes first.
     */
    public static String token(String recipient, int count, String path) {
        List<Received> received = await(recipient, count);
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).text().contains(Api.BASE + path + "?token=")) {
                return received.get(i).token(path);
            }
        }
        return fail("no link to " + path + " in the messages to " + recipient);
    }

    /**
     * The newest of the recipient's first {@code count} mails that has this subject. Mails of different kinds may
     * arrive in either order, so a test names the kind it wants rather than a position.
     */
    public static Received titled(String recipient, int count, String subject) {
        List<Received> received = await(recipient, count);
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).subject().equals(subject)) {
                return received.get(i);
            }
        }
        return fail("no mail \"" + subject + "\" among the messages to " + recipient);
    }

    /** Waits for a mail with this subject, and returns the newest such mail, whatever else came before it. */
    public static Received newest(String recipient, String subject) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            List<Received> received = of(recipient);
            for (int i = received.size() - 1; i >= 0; i--) {
                if (received.get(i).subject().equals(subject)) {
                    return received.get(i);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("no mail \"" + subject + "\" among the messages to " + recipient);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Waits for the {@code n}-th mail with this subject (counting from 1) and returns it. */
    public static Received nth(String recipient, String subject, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            List<Received> titled = of(recipient).stream().filter(m -> m.subject().equals(subject)).toList();
            if (titled.size() >= n) {
                return titled.get(n - 1);
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("no mail \"" + subject + "\" number " + n + " among the messages to " + recipient);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    public static Received last(String recipient, int count) {
        List<Received> received = await(recipient, count);
        return received.get(count - 1);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether any mail went to this envelope address (GreenMail keeps a mailbox per envelope recipient). */
    public static boolean deliveredTo(String envelope) {
        var users = TestServices.mail().getUserManager();
        return users.getUserByEmail(envelope) != null || users.getUserByEmail(envelope.toUpperCase(java.util.Locale.ROOT)) != null
                || users.getUserByEmail(envelope.toLowerCase(java.util.Locale.ROOT)) != null;
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static Received read(MimeMessage message) {
        try {
            String text = null;
            String html = null;
            if (message.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    }
                }
            }
            return new Received(message.getSubject(), message.getContentType(), text, html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
