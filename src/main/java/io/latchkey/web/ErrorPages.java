package io.latchkey.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error pages (web.xml) as problem bodies: errors raised outside JAX-RS (the MP-JWT mechanism's
 * 401, unknown paths, servlet failures) get the same shape as every other error and never the server's HTML page.
 */
@WebServlet(ErrorPages.PATH)
public class ErrorPages extends HttpServlet {

    static final String PATH = "/.error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemType type = code instanceof Integer status
                // A method the container does not implement is, to the client, a method not allowed here.
                ? ProblemType.ofStatus(status == HttpServletResponse.SC_NOT_IMPLEMENTED ? 405 : status)
                : ProblemType.NOT_FOUND;
        if (type == ProblemType.UNAUTHORIZED) {
            // The MP-JWT mechanism sets a challenge; keep it, it is the standard answer to a bad bearer token.
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        Problem.of(type).writeTo(response);
    }
}
