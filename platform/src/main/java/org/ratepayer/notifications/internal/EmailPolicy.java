package org.ratepayer.notifications.internal;

import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.ConfigCatalogue;

/**
 * A biller's email options as the payment route reads them.
 *
 * @param payerEmailOnly option 134: one-time payments email only the address the payer entered
 * @param afterPayment option 131
 * @param noOwnerFill option 112: a payment never fills an empty account-owner email
 */
public record EmailPolicy(boolean payerEmailOnly, AfterPaymentEmail afterPayment, boolean noOwnerFill) {

    public static final EmailPolicy DEFAULT = new EmailPolicy(false, AfterPaymentEmail.ALLOW_UPDATES, false);

    public static EmailPolicy of(BillerConfig config) {
        return new EmailPolicy(config.enabled(ConfigCatalogue.OPT_PAYER_EMAIL_ONLY),
                AfterPaymentEmail.parse(config.option(ConfigCatalogue.OPT_EMAIL_AFTER_PAYMENT).orElse(null)),
                config.enabled(ConfigCatalogue.OPT_NO_OWNER_EMAIL_FILL));
    }
}
