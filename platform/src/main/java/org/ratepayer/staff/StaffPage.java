package org.ratepayer.staff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of staff pages ({@code /staff/{bid}/…}, in any module): its models get {@code biller} and
 * {@code staff} for the layout (templates/staff/layout.html), and a missing sign-in or a refused role is answered
 * as a page (docs/staff-portal.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StaffPage {
}
