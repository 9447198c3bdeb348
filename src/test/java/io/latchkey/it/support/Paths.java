package io.latchkey.it.support;

/** The paths of the API under test, and of the links its mails carry. */
public final class Paths {

    public static final String REGISTER = "/api/v1/register/user";
    public static final String LOGIN = "/api/v1/auth/login";
    public static final String REFRESH = "/api/v1/auth/tokens/refresh";
    public static final String ME = "/api/v1/auth/me";
    public static final String VERIFY = "/api/v1/auth/verify/email";
    public static final String RESET = "/api/v1/auth/password/reset";
    public static final String UPDATE = "/api/v1/auth/password/update";
    public static final String CHANGE_PASSWORD = "/api/v1/auth/password";
    public static final String SESSIONS = "/api/v1/auth/sessions";
    public static final String LOGIN_MFA = "/api/v1/auth/login/mfa";
    public static final String MFA = "/api/v1/auth/mfa";
    public static final String MFA_TOTP = "/api/v1/auth/mfa/totp";
    public static final String MFA_CONFIRM = "/api/v1/auth/mfa/totp/confirm";
    public static final String RECOVERY_CODES = "/api/v1/auth/mfa/recovery-codes";

    /** The page a verification mail links to. */
    public static final String EMAIL = "/api/v1/auth/email";
    public static final String EMAIL_CONFIRM = "/api/v1/auth/email/confirm";
    public static final String EMAIL_UNDO = "/api/v1/auth/email/undo";
    public static final String LOGIN_EMAIL = "/api/v1/auth/login/email";
    public static final String LOGIN_EMAIL_VERIFY = "/api/v1/auth/login/email/verify";
    public static final String ACCOUNT = "/api/v1/auth/account";
    public static final String EXPORT = "/api/v1/auth/account/export";
    public static final String EMAIL_CONFIRM_LINK = "/email/confirm/";
    public static final String EMAIL_UNDO_LINK = "/email/undo/";
    public static final String EMAIL_LOGIN_LINK = "/login/email/";
    public static final String VERIFY_LINK = "/verify/email/";
    /** The page a reset mail links to. */
    public static final String RESET_LINK = "/password/update/";

    private Paths() {
    }

    public static String resend(String userId) {
        return "/api/v1/auth/verify/resend/" + userId;
    }

    public static String logout(String userId) {
        return "/api/v1/auth/logout/" + userId;
    }
}
