package io.latchkey.authentication.boundary;

import io.latchkey.web.ClientAddress;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who is signing in, as far as the request tells: the address (behind trusted proxies, the client's), the browser's
 * user agent and the {@link DeviceCookie} it presents, if any. Every way of signing in takes one, so that a new way
 * cannot forget the address's login budget or the device it signs in from.
 */
public record Client(String address, String userAgent, String deviceCookie) {

    public static Client of(HttpServletRequest request, ClientAddress addresses) {
        return new Client(addresses.of(request), request.getHeader(HttpHeaders.USER_AGENT), deviceCookie(request));
    }

    private static String deviceCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (DeviceCookie.NAME.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
