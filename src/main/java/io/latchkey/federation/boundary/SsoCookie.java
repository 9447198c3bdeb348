package io.latchkey.federation.boundary;

/**
 * The cookie that binds a flow to the browser that started it: the secret whose hash the flow keeps. Lax, not
 * Strict: the provider's redirect back is a navigation from another site, which must carry it. Only the providers'
 * endpoints see it, for the flow's ten minutes.
 */
final class SsoCookie {

    static final String NAME = "sso_flow";
    static final String PATH = "/api/v1/auth/providers";

    private SsoCookie() {
    }

    static String issue(String secret) {
        return NAME + "=" + secret + "; Max-Age=600; Path=" + PATH + "; Secure; HttpOnly; SameSite=Lax";
    }

    static String clear() {
        return NAME + "=; Max-Age=0; Path=" + PATH + "; Secure; HttpOnly; SameSite=Lax";
    }
}
