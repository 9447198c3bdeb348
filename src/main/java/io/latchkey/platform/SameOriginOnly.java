package io.latchkey.platform;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints that a cookie authenticates (refresh, logout): a browser sends the cookie with any request to
 * them, so a request whose Origin is neither Latchkey's nor an allowed one is refused (403) before it acts.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SameOriginOnly {
}
