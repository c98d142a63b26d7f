package org.oncopredict.profile.domain;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Cross-field rules of a profile; see {@link ConsistentProfileValidator} for the list. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentProfileValidator.class)
public @interface ConsistentProfile {
    String message() default "inconsistent profile";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
