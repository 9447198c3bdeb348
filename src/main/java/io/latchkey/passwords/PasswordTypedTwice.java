package io.latchkey.passwords;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A request that sets a password has it typed twice alike; the error is the confirmation field's. */
@Constraint(validatedBy = PasswordTypedTwice.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PasswordTypedTwice {

    String message() default "Passwords do not match";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The two fields of such a request. */
    interface Typed {
        String password();

        String confirmPassword();
    }

    class Check implements ConstraintValidator<PasswordTypedTwice, Typed> {

        @Override
        public boolean isValid(Typed request, ConstraintValidatorContext context) {
            if (request.password().equals(request.confirmPassword())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("confirmPassword").addConstraintViolation();
            return false;
        }
    }
}
