package org.ratepayer.notifications.internal;

import java.util.Locale;

/** Option 131: what a payment does to the account's email addresses (docs/invoice-files.md). */
public enum AfterPaymentEmail {
    /** Fill the account's email when it is empty (the default). */
    ALLOW_UPDATES,
    /** Keep the entered address as the account's CC email when it differs; never touch the main email. */
    ALLOW_CC_UPDATES,
    PREVENT_UPDATES,
    /** Replace the account's email with the entered one every time while nobody has registered the account. */
    ALLOW_UNREGISTERED_UPDATES;

    /** Unknown or missing values mean the default, as the option catalogue does. */
    public static AfterPaymentEmail parse(String value) {
        if (value == null) {
            return ALLOW_UPDATES;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ALLOW_UPDATES;
        }
    }
}
