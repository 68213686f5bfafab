package org.tejido.regional.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusal reasons a test shows over the wire, so that {@code
 * FederationIntakeIT#everyRefusalReasonHasItsOwnTestOverTheWire} can tell that every reason has one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Refuses {
    Refusal[] value();
}
