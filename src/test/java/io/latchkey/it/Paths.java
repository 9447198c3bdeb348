package io.latchkey.it;

/** The paths of the API under test, and of the links its mails carry. */
final class Paths {

    static final String REGISTER = "/api/v1/register/user";
    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/tokens/refresh";
    static final String ME = "/api/v1/auth/me";
    static final String VERIFY = "/api/v1/auth/verify/email";
    static final String RESET = "/api/v1/auth/password/reset";
    static final String UPDATE = "/api/v1/auth/password/update";
    static final String CHANGE_PASSWORD = "/api/v1/auth/password";
    static final String SESSIONS = "/api/v1/auth/sessions";
    static final String LOGIN_MFA = "/api/v1/auth/login/mfa";
    static final String MFA = "/api/v1/auth/mfa";
    static final String MFA_TOTP = "/api/v1/auth/mfa/totp";
    static final String MFA_CONFIRM = "/api/v1/auth/mfa/totp/confirm";
    static final String RECOVERY_CODES = "/api/v1/auth/mfa/recovery-codes";

    /** The page a verification mail links to. */
    static final String EMAIL = "/api/v1/auth/email";
    static final String EMAIL_CONFIRM = "/api/v1/auth/email/confirm";
    static final String EMAIL_UNDO = "/api/v1/auth/email/undo";
    static final String LOGIN_EMAIL = "/api/v1/auth/login/email";
    static final String LOGIN_EMAIL_VERIFY = "/api/v1/auth/login/email/verify";
    static final String ACCOUNT = "/api/v1/auth/account";
    static final String EXPORT = "/api/v1/auth/account/export";
    static final String EMAIL_CONFIRM_LINK = "/email/confirm/";
    static final String EMAIL_UNDO_LINK = "/email/undo/";
    static final String EMAIL_LOGIN_LINK = "/login/email/";
    static final String VERIFY_LINK = "/verify/email/";
    /** The page a reset mail links to. */
    static final String RESET_LINK = "/password/update/";

    private Paths() {
    }

    static String resend(String userId) {
        return "/api/v1/auth/verify/resend/" + userId;
    }

    static String logout(String userId) {
        return "/api/v1/auth/logout/" + userId;
    }
}
