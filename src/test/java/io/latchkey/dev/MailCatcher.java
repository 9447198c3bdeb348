package io.latchkey.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quickstart's SMTP server: it accepts every message on loopback and prints its recipient, subject and links,
 * so a newcomer can follow each email flow from the console.
 */
final class MailCatcher implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final GreenMail smtp;
    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-catcher");
        thread.setDaemon(true);
        return thread;
    });
    private int printed;

    private MailCatcher(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    static MailCatcher start(int port, PrintStream console) {
        MailCatcher catcher = new MailCatcher(port);
        catcher.smtp.start();
        catcher.printer.scheduleWithFixedDelay(() -> catcher.printNew(console), 500, 500, TimeUnit.MILLISECONDS);
        return catcher;
    }

    private void printNew(PrintStream console) {
        Message[] messages = smtp.getReceivedMessages();
        for (; printed < messages.length; printed++) {
            console.println(describe(messages[printed]));
        }
    }

    static String describe(Message message) {
        try {
            StringBuilder text = new StringBuilder("\n--- mail to ")
                    .append(String.join(", ", GreenMailUtil.getAddressList(message.getAllRecipients())))
                    .append(": ").append(message.getSubject()).append('\n');
            for (String link : links(GreenMailUtil.getWholeMessage(message))) {
                text.append("    ").append(link).append('\n');
            }
            return text.toString();
        } catch (MessagingException e) {
            return "\n--- a mail arrived that cannot be read: " + e.getMessage();
        }
    }

    private static Set<String> links(String raw) {
        // Quoted-printable soft line breaks would cut links in two.
        String body = raw.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        Set<String> links = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(body);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    @Override
    public void close() {
        printer.shutdownNow();
        smtp.stop();
    }
}
