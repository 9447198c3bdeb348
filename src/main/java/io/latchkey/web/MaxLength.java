package io.latchkey.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** At most {@code value} characters once stripped, counted as code points so that every script counts alike. */
@Constraint(validatedBy = MaxLength.Check.class)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxLength {

    int value();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<MaxLength, String> {

        private int max;

        @Override
        public void initialize(MaxLength maxLength) {
            max = maxLength.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String text = value == null ? "" : value.strip();
            return text.codePointCount(0, text.length()) <= max;
        }
    }
}
