package io.latchkey.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

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
        Wait wait = new Wait(waiting);
        try {
            chain.doFilter(new Counted(request, wait), response);
        } finally {
            wait.over();
        }
    }

    /**
     * One request's place among those waiting for their body: given back as soon as the body has been read, not when
     * the request ends. A login whose body came a moment after its headers (a separate packet, as from many clients
     * on a real network) then waits for a core to hash on without counting as slow: held to the end, a burst of
     * logins queued for the hash could take every place, and the next bodies were refused with 503 (issue 28.7).
     */
    private static final class Wait {

        private final Semaphore places;
        private final AtomicBoolean over = new AtomicBoolean();

        Wait(Semaphore places) {
            this.places = places;
        }

        void over() {
            if (over.compareAndSet(false, true)) {
                places.release();
            }
        }
    }

    /** The request, whose body's last byte (or its end) gives its place back. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final Wait wait;
        private final long length;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, Wait wait) {
            super(request);
            this.wait = wait;
            this.length = request.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream body = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = body.read();
                        counted(b < 0 ? -1 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int count) throws IOException {
                        int n = body.read(buffer, offset, count);
                        counted(n);
                        return n;
                    }

                    private void counted(int n) {
                        read += Math.max(n, 0);
                        if (n < 0 || length > 0 && read >= length) {
                            wait.over();
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return stream;
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
