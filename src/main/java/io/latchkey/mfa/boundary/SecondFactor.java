package io.latchkey.mfa.boundary;

import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.mfa.control.QrCode;
import io.latchkey.mfa.control.RecoveryCodes;
import io.latchkey.mfa.control.SecretSealing;
import io.latchkey.mfa.control.Totp;
import io.latchkey.mfa.entity.RecoveryCode;
import io.latchkey.mfa.entity.TotpFactor;
import io.latchkey.telemetry.Audit;
import io.latchkey.throttling.Limit;
import io.latchkey.throttling.Throttle;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A user's second factor: an authenticator app (TOTP) and the recovery codes that stand in for it. Every code is
 * checked with its row locked, so of concurrent requests with one code, on any instance, exactly one gets it. Wrong
 * codes count per account in PostgreSQL, with delays that grow as they do for passwords. Each change is audited and
 * mailed to the owner through the outbox, in the change's transaction.
 */
@Stateless
public class SecondFactor {

    /** The ways to complete a sign-in, as the API names them. */
    public static final String TOTP = "totp";
    public static final String RECOVERY_CODE = "recovery_code";
    public static final String WEBAUTHN = "webauthn";

    /** What a code turned out to be. */
    public enum Check { TOTP, RECOVERY_CODE, WRONG }

    /** What the account page shows: whether it is on, since when, and how many recovery codes are left. */
    public record Status(boolean enabled, Optional<Instant> since, long recoveryCodesLeft, List<String> methods) {
    }

    private static final String TOO_MANY = "Too many wrong codes; try again later";
    private static final String INSERT_ENROLMENT = "insert into totp_factors (user_id, sealed_secret, created_at)"
            + " values (?1, ?2, ?3) on conflict (user_id) do nothing";

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretSealing sealing;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

    @Inject
    Audit audit;

    @Inject
    Throttle throttle;

    @Inject
    Event<FactorRemoved> removed;

    @Inject
    Passkeys passkeys;

    @Inject
    @ConfigProperty(name = "mfa.issuer", defaultValue = "Latchkey")
    String issuer;

    @Inject
    @ConfigProperty(name = "mfa.enrolment.ttl", defaultValue = "PT15M")
    Duration enrolmentLifetime;

    @Inject
    @ConfigProperty(name = "throttle.mfa.account.failures", defaultValue = "10")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "throttle.mfa.account.window", defaultValue = "PT15M")
    Duration failureWindow;

    @Inject
    @ConfigProperty(name = "throttle.mfa.account.delay", defaultValue = "PT30S")
    Duration firstDelay;

    @Inject
    @ConfigProperty(name = "throttle.mfa.account.max-delay", defaultValue = "PT15M")
    Duration maxDelay;

    /**
     * How a sign-in of this account can be completed; empty when it has no second factor. Two-step sign-in is on
     * with an authenticator app; then a passkey, when the account has one, completes it too. A passkey alone does
     * not turn it on: whoever added one to sign in faster must not find their password refused on another device.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> methods(UUID userId) {
        return status(userId).methods();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Status status(UUID userId) {
        Optional<TotpFactor> factor = Optional.ofNullable(em.find(TotpFactor.class, userId))
                .filter(TotpFactor::isConfirmed);
        if (factor.isEmpty()) {
            return new Status(false, Optional.empty(), 0, List.of());
        }
        long left = unusedCodes(userId);
        List<String> methods = new ArrayList<>();
        if (passkeys.any(userId)) {
            methods.add(WEBAUTHN);
        }
        methods.add(TOTP);
        if (left > 0) {
            methods.add(RECOVERY_CODE);
        }
        return new Status(true, factor.map(TotpFactor::confirmedAt), left, List.copyOf(methods));
    }

    /**
     * Starts setting up an authenticator app: a new secret, nothing protected yet. Starting again replaces an
     * unconfirmed secret; a confirmed one must be turned off first.
     */
    public Enrolment start(Owner owner) {
        Instant now = clock.instant();
        byte[] secret = Totp.newSecret();
        String sealed = sealing.seal(secret, owner.id());
        // Inserted if absent, then locked: two starts at once agree on one row instead of one failing.
        em.createNativeQuery(INSERT_ENROLMENT).setParameter(1, owner.id()).setParameter(2, sealed)
                .setParameter(3, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
        if (factor.isConfirmed()) {
            throw new Problem(ProblemType.CONFLICT,
                    "An authenticator app is already set up; turn it off before setting up another");
        }
        factor.restart(sealed, now);
        audit.record(Audit.Event.MFA_ENROLMENT_STARTED, owner.id(), null);
        String uri = otpauthUri(owner.email(), secret);
        return new Enrolment(Totp.base32(secret), uri, QrCode.svgDataUri(uri), now.plus(enrolmentLifetime));
    }

    /** Turns the app on with a code it shows, and answers the recovery codes: the only time they are seen. */
    public List<String> confirm(Owner owner, String code) {
        Instant now = clock.instant();
        TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
        if (factor != null && factor.isConfirmed()) {
            throw new Problem(ProblemType.CONFLICT, "The authenticator app is already set up");
        }
        if (factor == null || !factor.isPending(now, enrolmentLifetime)) {
            throw new Problem(ProblemType.CONFLICT, "No set-up of an authenticator app is in progress, or it expired;"
                    + " start again");
        }
        OptionalLong step = Totp.acceptedStep(sealing.open(factor.sealedSecret(), owner.id()), digits(code), now,
                factor.lastUsedStep());
        if (step.isEmpty()) {
            throw Problem.validation("code", "The code is not valid; check the time of your device and try again");
        }
        factor.confirm(now, step.getAsLong());
        List<String> codes = replaceRecoveryCodes(owner.id(), now);
        audit.record(Audit.Event.MFA_ENABLED, owner.id(), null);
        notices.send(SecurityNotices.Kind.FACTORS, templates.secondFactorEnabled(owner.recipient()));
        return codes;
    }

    /**
     * Checks a code from the app or a recovery code, and spends it if right (a step-up's code). The try counts
     * against the account before the code is looked at (in its own transaction: it stands whatever the caller does
     * next), so a burst gets no more tries than the same codes one at a time; while the account is blocked, no code
     * is even looked at.
     */
    public Check verify(Owner owner, String code) {
        throttle.attempt(accountKey(owner.id()), freeTries(), firstDelay, maxDelay, TOO_MANY);
        Check check = check(owner, code);
        if (check == Check.WRONG) {
            failed(owner.id());
        } else {
            throttle.refund(accountKey(owner.id()), freeTries());
        }
        return check;
    }

    /**
     * A code as the second step of a sign-in from a client: its tries count per account and client address, and per
     * account from anywhere, both before the code is looked at. A device that signed in to the account before (its
     * device cookie) is not held back by the account-wide count, as for passwords: whoever has the password, or an
     * old access token, cannot lock the owner's own browser out by sending wrong codes.
     */
    public Check verifyAtSignIn(Owner owner, String code, String clientAddress, boolean knownDevice) {
        String pair = pairKey(owner.id(), clientAddress);
        throttle.attempt(pair, freeTries(), firstDelay, maxDelay, TOO_MANY);
        if (!knownDevice) {
            throttle.attempt(accountKey(owner.id()), freeTries(), firstDelay, maxDelay, TOO_MANY);
        }
        Check check = check(owner, code);
        if (check == Check.WRONG) {
            if (knownDevice) {
                throttle.failed(accountKey(owner.id()), freeTries(), firstDelay, maxDelay);
            }
            failed(owner.id());
        }
        return check;
    }

    /**
     * After a right code of {@link #verifyAtSignIn} and the sign-in it completed: the client's tries are forgiven and
     * this one is taken back from the account's count. Last in the transaction, after the rows the sign-in locks.
     */
    public void succeededAtSignIn(Owner owner, String clientAddress, boolean knownDevice) {
        throttle.forgive(pairKey(owner.id(), clientAddress));
        if (!knownDevice) {
            throttle.refund(accountKey(owner.id()), freeTries());
        }
    }

    private Check check(Owner owner, String code) {
        Instant now = clock.instant();
        String digits = digits(code);
        if (digits.length() == Totp.DIGITS) {
            TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
            if (factor != null && factor.isConfirmed()) {
                OptionalLong step = Totp.acceptedStep(sealing.open(factor.sealedSecret(), owner.id()), digits, now,
                        factor.lastUsedStep());
                if (step.isPresent()) {
                    factor.accept(step.getAsLong());
                    return Check.TOTP;
                }
            }
        } else if (RecoveryCodes.looksLikeOne(code)) {
            RecoveryCode recovery = em.find(RecoveryCode.class, new RecoveryCode.Key(owner.id(), RecoveryCodes.hash(code)),
                    LockModeType.PESSIMISTIC_WRITE);
            if (recovery != null && recovery.isUnused()) {
                recovery.use(now);
                em.flush();
                audit.record(Audit.Event.MFA_RECOVERY_CODE_USED, owner.id(), null);
                notices.send(SecurityNotices.Kind.FACTORS,
                        templates.recoveryCodeUsed(owner.recipient(), unusedCodes(owner.id())));
                return Check.RECOVERY_CODE;
            }
        }
        return Check.WRONG;
    }

    /** Turns the app off; its recovery codes go with it, and the owner's other sessions end. */
    public void disable(Owner owner, UUID keptSession) {
        TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
        if (factor == null || !factor.isConfirmed()) {
            throw new Problem(ProblemType.NOT_FOUND, "Two-step sign-in is not on");
        }
        em.remove(factor);
        em.createNamedQuery(RecoveryCode.DELETE_ALL).setParameter("user", owner.id()).executeUpdate();
        audit.record(Audit.Event.MFA_DISABLED, owner.id(), keptSession);
        notices.send(SecurityNotices.Kind.FACTORS, templates.secondFactorDisabled(owner.recipient()));
        removed.fire(new FactorRemoved(owner.id(), keptSession));
    }

    /**
     * A recovery: the authenticator app, if it was turned on after {@code since}, goes with its recovery codes (whoever
     * took the account over may have turned it on, and would hold it and its codes), and so does every passkey added
     * after then. Each removal is audited and mailed. The caller ends the sessions.
     */
    public void removeAddedSince(Owner owner, Instant since) {
        TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
        if (factor != null && factor.isConfirmed() && factor.confirmedAt().isAfter(since)) {
            em.remove(factor);
            em.createNamedQuery(RecoveryCode.DELETE_ALL).setParameter("user", owner.id()).executeUpdate();
            audit.record(Audit.Event.MFA_DISABLED, owner.id(), null);
            notices.send(SecurityNotices.Kind.FACTORS, templates.secondFactorDisabled(owner.recipient()));
        }
        passkeys.removeAddedSince(owner, since);
    }

    /** New recovery codes in place of all the earlier ones, used or not. */
    public List<String> replaceRecoveryCodes(Owner owner) {
        TotpFactor factor = em.find(TotpFactor.class, owner.id(), LockModeType.PESSIMISTIC_WRITE);
        if (factor == null || !factor.isConfirmed()) {
            throw new Problem(ProblemType.CONFLICT, "Recovery codes come with an authenticator app; set one up first");
        }
        List<String> codes = replaceRecoveryCodes(owner.id(), clock.instant());
        audit.record(Audit.Event.MFA_RECOVERY_CODES_REPLACED, owner.id(), null);
        notices.send(SecurityNotices.Kind.FACTORS, templates.recoveryCodesReplaced(owner.recipient()));
        return codes;
    }

    /** Deletes the enrolments never confirmed in time. */
    public int pruneAbandonedEnrolments() {
        return em.createNamedQuery(TotpFactor.PRUNE)
                .setParameter("startedBefore", clock.instant().minus(enrolmentLifetime)).executeUpdate();
    }

    private List<String> replaceRecoveryCodes(UUID userId, Instant now) {
        em.createNamedQuery(RecoveryCode.DELETE_ALL).setParameter("user", userId).executeUpdate();
        List<String> codes = RecoveryCodes.generate();
        codes.forEach(code -> em.persist(RecoveryCode.of(userId, RecoveryCodes.hash(code), now)));
        return codes;
    }

    private long unusedCodes(UUID userId) {
        return em.createNamedQuery(RecoveryCode.UNUSED_COUNT, Long.class).setParameter("user", userId)
                .getSingleResult();
    }

    /** A wrong code, audited; and the account's block, when this one started it. */
    private void failed(UUID userId) {
        audit.recordFailure(Audit.Event.MFA_FAILED, userId);
        if (throttle.blockedFor(accountKey(userId)).isPresent()) {
            audit.recordFailure(Audit.Event.MFA_THROTTLED, userId);
        }
    }

    private Limit freeTries() {
        return new Limit(freeFailures, failureWindow);
    }

    private static String accountKey(UUID userId) {
        return "mfa-account:" + userId;
    }

    private static String pairKey(UUID userId, String clientAddress) {
        return Throttle.accountKey("mfa-pair", userId + "|" + (clientAddress == null ? "" : clientAddress));
    }

    /** Apps show codes as "123 456"; people type them so. */
    private static String digits(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    /** The Key URI Format of Google Authenticator, which every app reads: issuer and account, both escaped. */
    private String otpauthUri(String email, byte[] secret) {
        String label = escape(issuer) + ":" + escape(email);
        return "otpauth://totp/" + label + "?secret=" + Totp.base32(secret) + "&issuer=" + escape(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
