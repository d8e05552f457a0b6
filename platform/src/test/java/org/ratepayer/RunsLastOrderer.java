package org.ratepayer;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Orders the test classes of one run by name, with those marked {@link RunsLast} after all others.
 * Failsafe hands every integration test class of the module to JUnit in one request, so this order
 * holds across the whole run (set in {@code junit-platform.properties}).
 */
public final class RunsLastOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor d) -> d.isAnnotated(RunsLast.class))
                .thenComparing(d -> d.getTestClass().getName()));
    }
}
