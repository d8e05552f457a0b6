package org.ratepayer.billing.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a customer name in an invoice file names another owner (option 1011, docs/conveyance.md): files retype names
 * with other capitals and spacing ("SMITH JOHN", "Smith  John"), which is not a change of owner. A name missing on
 * either side is no evidence of a new owner either.
 */
public final class CustomerNames {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CustomerNames() {
    }

    /** The name as compared: whitespace runs made one space, trimmed, lower case; null for a missing or blank name. */
    public static String normalized(String name) {
        if (name == null) {
            return null;
        }
        String n = SPACES.matcher(name).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** Whether {@code stored} and {@code inFile} name different owners. */
    public static boolean changed(String stored, String inFile) {
        String a = normalized(stored);
        String b = normalized(inFile);
        return a != null && b != null && !a.equals(b);
    }
}
