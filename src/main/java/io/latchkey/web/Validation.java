package io.latchkey.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a typed request (a record of its body's fields, see {@link Fields#as}) with Jakarta Bean Validation and
 * turns the violations into the contract's 422: one error per field, the first of its constraints as declared
 * that fails, the fields in the record's order. This is the only place violations become problems.
 */
@ApplicationScoped
public class Validation {

    @Inject
    Validator validator;

    public <R extends Record> R check(R request) {
        Set<ConstraintViolation<R>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<String> order = Arrays.stream(request.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
        Map<String, ConstraintViolation<R>> firstPerField = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.comparingInt((ConstraintViolation<R> v) -> order.indexOf(field(v)))
                        .thenComparingInt(v -> declaredPosition(request.getClass(), v)))
                .forEach(v -> firstPerField.putIfAbsent(field(v), v));
        List<FieldError> errors = new ArrayList<>();
        firstPerField.forEach((field, violation) -> errors.add(new FieldError(Fields.wireName(field), violation.getMessage())));
        throw Problem.validation(errors);
    }

    /** The record component a violation is about: the last node of its path (class-level ones name theirs). */
    private static String field(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }

    /** Where the violated constraint stands among the component's annotations; class-level ones come last. */
    private static int declaredPosition(Class<?> type, ConstraintViolation<?> violation) {
        Class<? extends Annotation> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(field(violation))) {
                Annotation[] declared = component.getAnnotations();
                for (int i = 0; i < declared.length; i++) {
                    if (declared[i].annotationType() == constraint) {
                        return i;
                    }
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}
