package io.latchkey.operations;

import io.latchkey.web.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * /metrics is for the operator's Prometheus, not for the public: counters move with what happens to accounts, and
 * an observer could correlate them with its own requests. Payara serves its metrics endpoint under the application
 * at the root context, so this filter of the WAR guards it: the operator ({@link OperatorAccess}) gets the metrics,
 * everyone else 403.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"})
public class MetricsAccess extends HttpFilter {

    @Inject
    OperatorAccess operator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (operator.isOperator(request)) {
            chain.doFilter(request, response);
            return;
        }
        Problem.forbidden("Metrics are for the operator: not available to this client").writeTo(response);
    }
}
