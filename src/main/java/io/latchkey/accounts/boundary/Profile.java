package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.FieldError;
import io.latchkey.web.Fields;
import io.latchkey.web.Problem;
import io.latchkey.web.Validation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the owner may change about themselves without proving anything again: the name (as registration checks it),
 * the language of their mails (one Latchkey has templates in), and the new-device notice. A PATCH: fields not sent
 * stay as they are; every field is checked before anything changes.
 */
@Stateless
public class Profile {

    static final List<String> FIELDS = List.of("name", "locale", "new_device_notice");

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    Validation validation;

    @Inject
    MailTemplates templates;

    @Inject
    Audit audit;

    public ProfileView of(User user) {
        return ProfileView.of(user, clock.instant());
    }

    public ProfileView update(UUID userId, Fields body) {
        if (FIELDS.stream().noneMatch(body::has)) {
            throw Problem.validation("name", "Send name, locale or new_device_notice");
        }
        Optional<String> name = body.text("name");
        name.ifPresent(n -> validation.check(new ProfileRequest(n)));
        Optional<String> locale = body.text("locale");
        Optional<Boolean> notice = body.flag("new_device_notice");
        List<String> languages = templates.languages();
        if (locale.isPresent() && !languages.contains(locale.get())) {
            throw Problem.validation(List.of(new FieldError("locale", "Locale must be one of: "
                    + String.join(", ", languages))));
        }
        User user = Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
        Instant now = clock.instant();
        name.ifPresent(n -> user.rename(n, now));
        locale.ifPresent(l -> user.chooseLanguage(l, now));
        notice.ifPresent(n -> user.newDeviceNotice(n, now));
        audit.record(Audit.Event.PROFILE_CHANGED, userId, null);
        return of(user);
    }
}
