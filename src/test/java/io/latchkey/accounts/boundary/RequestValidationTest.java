package io.latchkey.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.latchkey.authentication.boundary.LoginRequest;
import io.latchkey.passwords.PasswordPolicy;
import io.latchkey.passwords.Policies;
import io.latchkey.web.FieldError;
import io.latchkey.web.Problem;
import io.latchkey.web.Validation;
import io.latchkey.web.ValidationFixture;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed requests' constraints, and how their violations become the contract's 422. */
class RequestValidationTest {

    static final String GOOD = "correct horse battery staple";

    final PasswordPolicy policy = Policies.withMinLength(8);
    final Validation validation = ValidationFixture.with(new ConstraintValidatorFactory() {
        @Override
        public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
            try {
                return Policies.inject(key.getDeclaredConstructor().newInstance(), policy);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void releaseInstance(ConstraintValidator<?, ?> instance) {
        }
    });

    @Test
    void aValidRequestPasses() {
        RegistrationRequest request = new RegistrationRequest("Ada", "ada@example.test", GOOD, GOOD);
        assertSame(request, validation.check(request));
    }

    @Test
    void everyFieldIsReportedOnceInTheRecordsOrder() {
        assertEquals(List.of(new FieldError("name", "Name is required"), new FieldError("email", "Email is required"),
                        new FieldError("password", "Password must be at least 8 characters long"),
                        new FieldError("confirm_password", "Passwords do not match")),
                errors(new RegistrationRequest("  ", "", "short", "")));
    }

    @Test
    void theFirstDeclaredConstraintOfAFieldSpeaks() {
        assertEquals(List.of(new FieldError("name", "Name must be at most 100 characters")),
                errors(new RegistrationRequest("a".repeat(101) + "\u0007", "ada@example.test", GOOD, GOOD)));
        assertEquals(List.of(new FieldError("name", "Name must not contain control characters")),
                errors(new RegistrationRequest("Ada\u0007", "ada@example.test", GOOD, GOOD)));
        assertEquals(List.of(new FieldError("email", "Email must be a valid address")),
                errors(new RegistrationRequest("Ada", "not an address", GOOD, GOOD)));
        assertEquals(List.of(new FieldError("password", "This password is too common; choose another")),
                errors(new RegistrationRequest("Ada", "ada@example.test", "password123", "password123")));
    }

    @Test
    void secretsAreTakenAsTypedNamesAndAddressesMustHoldMoreThanSpace() {
        assertEquals(List.of(), errors(new LoginRequest("ada@example.test", "        ")), "a password of spaces is there");
        assertEquals(List.of(new FieldError("email", "Email is required"), new FieldError("password", "Password is required")),
                errors(new LoginRequest(" ", "")));
        assertEquals(List.of(new FieldError("current_password", "Current password is required")),
                errors(new PasswordChangeRequest("", GOOD, GOOD, "")));
        assertEquals(List.of(new FieldError("email", "Email is required")), errors(new ResetLinkRequest("")));
    }

    private List<FieldError> errors(Record request) {
        try {
            validation.check(request);
            return List.of();
        } catch (Problem problem) {
            return problem.errors();
        }
    }
}
