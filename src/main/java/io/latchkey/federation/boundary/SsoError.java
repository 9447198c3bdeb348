package io.latchkey.federation.boundary;

/**
 * Why a provider's sign-in did not end in the SPA signed in: the value of {@code #sso_error=} (docs/API.md). Each
 * says what the person can do, and none says more than the flow already proved.
 */
public enum SsoError {
    /** The person cancelled at the provider, or it refused. */
    DENIED,
    /** The flow took longer than ten minutes. */
    EXPIRED,
    /** Anything that does not check out: state, browser, ID token, provider; the log says which. */
    INVALID,
    /** The provider's verified address has an account here: sign in there and link the provider from its page. */
    ACCOUNT_EXISTS,
    /** The account was disabled by an admin. */
    DISABLED,
    /** The address belongs to a domain of another provider (enterprise SSO): it signs in through that one only. */
    SSO_REQUIRED,
    /** The provider gave no address, or one it did not verify: nothing was created or linked. */
    UNVERIFIED_EMAIL,
    /** The provider did not answer: try again later. */
    UNAVAILABLE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
