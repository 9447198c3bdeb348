package io.latchkey.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where errors become HTTP. A {@link Problem} says what the client may read; anything else is
 * answered with its status and a fixed text, because library messages can hold SQL, class names or user input.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Problem problem = problemOf(thrown);
        // A 5xx the application decided on (a refusal to serve) is not a failure; anything unexpected is.
        if (problem.type().status() >= 500 && !(thrown instanceof Problem)) {
            LOG.log(Level.SEVERE, "Request failed: " + problem.type(), thrown);
        } else {
            LOG.log(Level.FINE, "Request refused: {0}", problem.detail());
        }
        Response.ResponseBuilder response = Response.status(problem.type().status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toJson());
        if (problem.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, web.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    static Problem problemOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof Problem problem) {
                return problem;
            }
        }
        if (thrown instanceof WebApplicationException web) {
            return Problem.of(ProblemType.ofStatus(web.getResponse().getStatus()));
        }
        if (isDatabaseOutage(thrown)) {
            return Problem.of(ProblemType.SERVICE_UNAVAILABLE);
        }
        return Problem.of(ProblemType.INTERNAL);
    }

    /**
     * The database is unreachable or going away, not the request wrong: SQLSTATE classes 08 (connection exception),
     * 53 (insufficient resources) and 57P (operator intervention: shutdown, cannot connect now), the pool's
     * connector exceptions, and a commit the transaction manager could not complete.
     */
    private static boolean isDatabaseOutage(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getClass().getName().startsWith("jakarta.resource.")) {
                return true;
            }
            // The transaction manager could not commit: its resource, the database, went away at that moment (seen
            // once in the database-restart drill, as a 500 of a refresh).
            if (t instanceof jakarta.transaction.SystemException) {
                return true;
            }
        }
        return false;
    }
}
