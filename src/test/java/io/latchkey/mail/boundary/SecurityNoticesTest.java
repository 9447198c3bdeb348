package io.latchkey.mail.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.mail.entity.Mail;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SECURITY_NOTICES_OFF: the kinds an operator names are not mailed; the others are, through the outbox. */
class SecurityNoticesTest {

    final List<Mail> queued = new ArrayList<>();

    @Test
    void everyKindIsMailedByDefault() {
        SecurityNotices notices = notices("none");
        for (SecurityNotices.Kind kind : SecurityNotices.Kind.values()) {
            assertTrue(notices.isOn(kind), kind.name());
            notices.send(kind, new Mail("ada@example.test", kind.name(), "text", "<p>html</p>"));
        }
        assertEquals(SecurityNotices.Kind.values().length, queued.size());
    }

    @Test
    void theKindsAnOperatorTurnsOffAreNotMailed() {
        SecurityNotices notices = notices(" New-Device , password");
        assertFalse(notices.isOn(SecurityNotices.Kind.NEW_DEVICE));
        assertFalse(notices.isOn(SecurityNotices.Kind.PASSWORD));
        assertTrue(notices.isOn(SecurityNotices.Kind.EMAIL));
        assertTrue(notices.isOn(SecurityNotices.Kind.FACTORS));
        notices.send(SecurityNotices.Kind.NEW_DEVICE, new Mail("ada@example.test", "new", "t", "h"));
        notices.send(SecurityNotices.Kind.FACTORS, new Mail("ada@example.test", "factor", "t", "h"));
        assertEquals(List.of("factor"), queued.stream().map(Mail::subject).toList());
    }

    private SecurityNotices notices(String off) {
        SecurityNotices notices = new SecurityNotices();
        notices.off = off;
        notices.outbox = new Outbox() {
            @Override
            public void queue(Mail mail) {
                queued.add(mail);
            }
        };
        return notices;
    }
}
