package io.latchkey.web;

import jakarta.validation.ConstraintValidatorFactory;

/** {@link Validation} outside a container, with the validators made by the given factory. */
public final class ValidationFixture {

    private ValidationFixture() {
    }

    public static Validation with(ConstraintValidatorFactory validators) {
        Validation validation = new Validation();
        validation.validator = jakarta.validation.Validation.byDefaultProvider().configure()
                .constraintValidatorFactory(validators).buildValidatorFactory().getValidator();
        return validation;
    }
}
