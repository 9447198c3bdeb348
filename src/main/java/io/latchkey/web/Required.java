package io.latchkey.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field that must be there. Names and addresses must hold more than white space ({@code blankAllowed}
 * false); secrets such as passwords are taken as typed, so any non-empty text is there.
 */
@Constraint(validatedBy = Required.Check.class)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Required {

    String message();

    boolean blankAllowed() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Required, String> {

        private boolean blankAllowed;

        @Override
        public void initialize(Required required) {
            blankAllowed = required.blankAllowed();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value != null && (blankAllowed ? !value.isEmpty() : !value.isBlank());
        }
    }
}
