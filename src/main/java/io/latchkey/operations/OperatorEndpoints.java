package io.latchkey.operations;

import io.latchkey.web.Problem;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The operator's endpoints, which Payara serves under the application at the root context, so that this filter of
 * the WAR guards them. The metrics are not for the public: counters move with what happens to accounts, and an
 * observer could correlate them with its own requests; anyone but the operator ({@link OperatorAccess}) gets 403.
 * The health checks' details (which dependency is down, which setting production mode refuses, and its value) are
 * the operator's too: the public, a load balancer included, gets the status alone, with the same HTTP status code.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*", "/health", "/health/*"})
public class OperatorEndpoints extends HttpFilter {

    @Inject
    OperatorAccess operator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (operator.isOperator(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/metrics")) {
            Problem.forbidden("Metrics are for the operator: not available to this client").writeTo(response);
            return;
        }
        Buffered buffered = new Buffered(response);
        chain.doFilter(request, buffered);
        byte[] body = statusOnly(buffered.bytes());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@code {"status": ..., "checks": []}}: the document's form, without a word of what was checked. */
    static byte[] statusOnly(byte[] document) {
        String status;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(document))) {
            JsonObject health = reader.readObject();
            status = "UP".equals(health.getString("status", "DOWN")) ? "UP" : "DOWN";
        } catch (RuntimeException notHealth) {
            status = "DOWN";
        }
        return Json.createObjectBuilder().add("status", status).add("checks", Json.createArrayBuilder()).build()
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps the body the health endpoint writes, and lets status and headers through. */
    private static final class Buffered extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private PrintWriter writer;

        Buffered(HttpServletResponse response) {
            super(response);
        }

        byte[] bytes() {
            if (writer != null) {
                writer.flush();
            }
            return body.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        @Override
        public void flushBuffer() {
        }
    }
}
