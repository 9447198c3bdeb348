package io.latchkey.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Slow clients must not take the service down. Reading a request body blocks a request thread, and a client that
 * sends its body a byte every few seconds would hold one for as long as it likes: 40 of them held all 32. So at most
 * half the request threads may wait for a body that has not fully arrived with its headers (a body that has, as
 * almost every body does, waits for nothing and passes freely); past that, such requests get 503 at once. The
 * server's request timeout (10 s, server-config/payara-micro-preboot.asadmin) cuts off the ones let in, which then
 * get 408. Health checks, token refreshes and every request without a body keep their threads.
 */
@WebFilter(urlPatterns = "/api/*")
public class SlowBodies extends HttpFilter {

    /** Half of the 32 request threads of the server files. */
    static final int WAITING_BODIES = 16;

    private final Semaphore waiting = new Semaphore(WAITING_BODIES);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (hasFullyArrived(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!waiting.tryAcquire()) {
            response.setHeader("Connection", "close");
            Problem.unavailable("Too many requests are sending their body slowly; send it at once, or try again shortly",
                    Duration.ofSeconds(5)).writeTo(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            waiting.release();
        }
    }

    /** No body, or all of it already read off the connection with the headers. */
    private static boolean hasFullyArrived(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length <= 0 && !chunked) {
            return true;
        }
        return !chunked && request.getInputStream().available() >= length;
    }
}
