package io.latchkey.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints that a browser can be made to call from another site: those a cookie authenticates (refresh,
 * logout), whose cookie the browser sends with any request, and those that change state without authentication
 * (login, registration, verification, reset), which a cross-site form can post (login CSRF signs the victim in to
 * the attacker's account). A request whose Origin is neither Latchkey's nor an allowed one is refused (403) before
 * it acts; requests without Origin (other servers, command-line clients) are not browsers' and pass.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SameOriginOnly {
}
