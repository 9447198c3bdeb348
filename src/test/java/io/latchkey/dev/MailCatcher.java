package io.latchkey.dev;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quickstart's SMTP server: it accepts every message on loopback and prints its recipient, subject and links
 * as it arrives, so a newcomer can follow each email flow from the console. Each message is printed once per
 * recipient, in the order the mails arrived, with each link once and as it is to be opened.
 */
final class MailCatcher implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    private final GreenMail smtp;
    private final PrintStream console;
    /**
     * Message-ID and recipient of what was printed: the outbox sends a mail again, with the same Message-ID, when it
     * cannot tell whether the first try went out; a mailbox shows it once, and so does the console.
     */
    private final Set<String> printed = new HashSet<>();

    private MailCatcher(int port, PrintStream console) {
        this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.console = console;
    }

    static MailCatcher start(int port, PrintStream console) {
        MailCatcher catcher = new MailCatcher(port, console);
        // Printed at delivery, which is arrival order: GreenMail's list of received messages is grouped by mailbox.
        MessageDeliveryHandler store = catcher.smtp.getUserManager().getMessageDeliveryHandler();
        catcher.smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            catcher.print(message.getMessage(), recipient.getEmail());
            return store.handle(message, recipient);
        });
        catcher.smtp.start();
        return catcher;
    }

    private synchronized void print(MimeMessage message, String recipient) {
        try {
            String id = message.getMessageID();
            if (id == null || printed.add(id + " " + recipient)) {
                console.println(describe(message, recipient).stripTrailing());
            }
        } catch (MessagingException e) {
            console.println("\n--- a mail to " + recipient + " arrived that cannot be read: " + e.getMessage());
        }
    }

    static String describe(MimeMessage message, String recipient) {
        StringBuilder text = new StringBuilder("\n--- mail to ").append(recipient).append(": ");
        try {
            text.append(message.getSubject()).append('\n');
            for (String link : links(message)) {
                text.append("    ").append(link).append('\n');
            }
        } catch (MessagingException | IOException e) {
            text.append("(cannot be read: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    /**
     * The links of the plain-text part, decoded by Jakarta Mail (quoted-printable included); of the HTML part, with
     * its entities decoded, only for a mail without a plain-text part. Reading both printed each link twice, the
     * HTML one with its '=' escaped ({@code &#61;}), which made the token a fragment.
     */
    static Set<String> links(Part message) throws MessagingException, IOException {
        List<String> plain = new ArrayList<>();
        List<String> html = new ArrayList<>();
        collect(message, plain, html);
        Set<String> links = new LinkedHashSet<>();
        for (String body : plain.isEmpty() ? html.stream().map(MailCatcher::unescapeHtml).toList() : plain) {
            Matcher matcher = LINK.matcher(body);
            while (matcher.find()) {
                links.add(matcher.group());
            }
        }
        return links;
    }

    private static void collect(Part part, List<String> plain, List<String> html)
            throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            plain.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.add((String) part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                collect(child, plain, html);
            }
        }
    }

    static String unescapeHtml(String html) {
        Matcher matcher = ENTITY.matcher(html);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String entity = matcher.group(1);
            String character = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1)));
            };
            matcher.appendReplacement(text, Matcher.quoteReplacement(character));
        }
        return matcher.appendTail(text).toString();
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
