package io.latchkey.passwords;

import jakarta.inject.Inject;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A password someone is choosing: it must follow the {@link PasswordPolicy}, which also writes the message. */
@Constraint(validatedBy = NewPassword.Check.class)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface NewPassword {

    String message() default "Password does not follow the policy";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<NewPassword, String> {

        @Inject
        PasswordPolicy policy;

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return policy.problem(value == null ? "" : value).map(message -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
