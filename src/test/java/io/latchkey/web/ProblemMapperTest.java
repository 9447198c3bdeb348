package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    @Test
    void aProblemKeepsItsTypeAndDetailEvenWrappedByTheContainer() {
        Problem problem = ProblemMapper.problemOf(new EJBException(new RuntimeException(Problem.badRequest("Bad token"))));
        assertEquals(ProblemType.BAD_REQUEST, problem.type());
        assertEquals("Bad token", problem.detail());
    }

    @Test
    void aLostDatabaseConnectionIs503AndAnythingElseUnexpectedIs500WithoutDetails() {
        Throwable outage = new RuntimeException(new SQLException("Connection refused", "08001"));
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, ProblemMapper.problemOf(outage).type());
        assertEquals(5, ProblemMapper.problemOf(outage).retryAfterSeconds(), "every 503 says when to come back");
        assertEquals(5, Problem.of(ProblemType.SERVICE_UNAVAILABLE).retryAfterSeconds());
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, ProblemMapper.problemOf(
                new jakarta.ejb.EJBException(new jakarta.transaction.SystemException("commit failed"))).type(),
                "a commit that failed as the database went away");
        assertEquals(0, Problem.of(ProblemType.INTERNAL).retryAfterSeconds());
        Problem bug = ProblemMapper.problemOf(new IllegalStateException("select * from users where 1=1"));
        assertEquals(ProblemType.INTERNAL, bug.type());
        assertFalse(bug.toJson().contains("select"));
    }

    @Test
    void validationProblemsCarryTheReferenceShape() {
        assertEquals("{\"type\":\"urn:latchkey:problem:validation\",\"title\":\"Validation failed\",\"status\":422,"
                + "\"detail\":\"Email is required\",\"message\":\"Email is required\",\"data\":{\"errors\":"
                + "[{\"param\":\"email\",\"msg\":\"Email is required\",\"location\":\"body\"}]}}",
                Problem.validation("email", "Email is required").toJson());
    }
}
