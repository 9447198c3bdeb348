package io.latchkey.operations;

import io.latchkey.runtime.GracefulStop;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * While the instance drains before a stop, every response says {@code Connection: close}: a client or balancer
 * that keeps connections open opens its next one, and a balancer sends it to another instance.
 */
@WebFilter(urlPatterns = "/*")
public class DrainingConnections extends HttpFilter {

    @Inject
    GracefulStop stop;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (stop.isDraining()) {
            response.setHeader("Connection", "close");
        }
        chain.doFilter(request, response);
    }
}
