package io.latchkey.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reason phrase of 422, the status of every validation problem. Servlet 6 has no way to set a reason phrase,
 * and Payara's HTTP engine, Grizzly, knows none for 422: its status line said "422 CUSTOM", which browsers show in
 * their network panels. Grizzly keeps its reason phrases in one table, filled by a private method; this adds 422
 * there once, at deployment, before the port opens. Elsewhere (WildFly's Undertow knows 422) it does nothing.
 */
@WebListener
public class ReasonPhrases implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ReasonPhrases.class.getName());
    private static final String GRIZZLY_STATUS = "org.glassfish.grizzly.http.util.HttpStatus";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            // The server's own class loader: an application does not see Grizzly's classes through its own.
            Class<?> status = Class.forName(GRIZZLY_STATUS, true, event.getServletContext().getClass().getClassLoader());
            Object known = status.getMethod("getHttpStatus", int.class).invoke(null, 422);
            if ("CUSTOM".equals(status.getMethod("getReasonPhrase").invoke(known))) {
                Method register = status.getDeclaredMethod("register", int.class, String.class);
                register.setAccessible(true);
                register.invoke(null, 422, "Unprocessable Content");
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notGrizzly) {
            LOG.log(Level.FINE, "No Grizzly here: 422 keeps the server's reason phrase", notGrizzly);
        }
    }
}
