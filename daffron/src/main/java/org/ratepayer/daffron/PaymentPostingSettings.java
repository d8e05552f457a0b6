package org.ratepayer.daffron;

import org.ratepayer.cis.CisBiller;

/**
 * Everything of a biller's settings that shapes a CommitPaymentTransaction: setting 35 (amount format),
 * 64 and 65 (paymentMode tables for cards and ACH) and the data pump part of 131.
 */
public record PaymentPostingSettings(AmountFormat amountFormat, PaymentModes cardModes, PaymentModes achModes,
        DataPumpConfig dataPump) {

    public static final PaymentPostingSettings DEFAULT = new PaymentPostingSettings(AmountFormat.SHORTEST,
            PaymentModes.NONE, PaymentModes.NONE, DataPumpConfig.DEFAULT);

    /**
     * @throws IllegalArgumentException naming the setting that is invalid
     */
    public static PaymentPostingSettings of(CisBiller biller) {
        return new PaymentPostingSettings(
                AmountFormat.fromSetting(biller.setting(DaffronSettings.SERVICE_VERSION)),
                PaymentModes.parse(DaffronSettings.CARD_PAYMENT_MODES, biller.setting(DaffronSettings.CARD_PAYMENT_MODES)),
                PaymentModes.parse(DaffronSettings.ACH_PAYMENT_MODES, biller.setting(DaffronSettings.ACH_PAYMENT_MODES)),
                JsonConfiguration.dataPump(biller.setting(DaffronSettings.JSON_CONFIGURATION).orElse(null)));
    }
}
