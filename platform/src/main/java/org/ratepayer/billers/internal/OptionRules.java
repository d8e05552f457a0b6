package org.ratepayer.billers.internal;

import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigValidationException;
import java.util.Map;

/** Rules between options that no single value can break on its own (docs/invoice-files.md). */
public final class OptionRules {

    private OptionRules() {
    }

    /** @param billerWide biller-wide option values after the change, canonical text by option id */
    public static void check(Map<Integer, String> billerWide) {
        String emailAfterPayment = billerWide.getOrDefault(ConfigCatalogue.OPT_EMAIL_AFTER_PAYMENT, "ALLOW_UPDATES");
        boolean noOwnerFill = Boolean.parseBoolean(billerWide.get(ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL));
        if (!emailAfterPayment.equals("ALLOW_UPDATES") && !noOwnerFill) {
            throw new ConfigValidationException("option 131 (Update email address after payment): " + emailAfterPayment
                    + " requires option 112 (Prevent update of empty account-owner login email after payment) to be on; set option 112 first");
        }
    }
}
