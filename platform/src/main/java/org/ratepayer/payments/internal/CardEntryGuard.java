package org.ratepayer.payments.internal;

import java.util.Optional;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigValidationException;
import org.ratepayer.billers.SettingChangeGuard;
import org.ratepayer.payments.checkout.CardEntry;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Refuses card entry DIRECT (setting 1019) for a biller whose processor does not take card numbers from servers (Stripe),
 * and switching such a biller to that processor while DIRECT is set: the pages would show card fields whose numbers the
 * processor refuses (docs/hosted-fields.md, "DIRECT").
 */
@Component
class CardEntryGuard implements SettingChangeGuard {

    private final BillerService billers;
    private final PaymentGateway gateway;
    CardEntryGuard(@Lazy BillerService billers, @Lazy PaymentGateway gateway) {
        this.billers = billers;
        this.gateway = gateway;
    }

    @Override
    public void check(long bid, int settingId, Optional<String> before, Optional<String> after) {
        if (settingId == ConfigCatalogue.SET_CARD_ENTRY && after.filter(ConfigCatalogue.CARD_ENTRY_DIRECT::equals).isPresent()
                && !CardEntry.direct(after.get(), gateway.acceptsCardNumbers(bid))) {
            throw new ConfigValidationException("setting " + settingId, "DIRECT card entry needs a processor that takes card numbers"
                    + " from servers, and this biller's does not: its pages use the processor's hosted fields (HOSTED)");
        }
        if (settingId == ConfigCatalogue.SET_PAYMENT_PROCESSOR && after.filter(ConfigCatalogue.PROCESSOR_STRIPE::equals).isPresent()
                && ConfigCatalogue.CARD_ENTRY_DIRECT.equals(billers.cachedConfig(bid).setting(ConfigCatalogue.SET_CARD_ENTRY).orElse(null))) {
            throw new ConfigValidationException("setting " + settingId, "this biller's card entry is DIRECT (setting 1019), which"
                    + " Stripe does not take: set setting 1019 to HOSTED first");
        }
    }
}
