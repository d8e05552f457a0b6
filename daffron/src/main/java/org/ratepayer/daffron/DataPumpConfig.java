package org.ratepayer.daffron;

/**
 * The data pump's part of advanced setting 131, {@code {"Daffron":{"DataPumpConfigs":{...}}}} (docs/daffron.md, C4).
 *
 * @param skipDonationTypes   {@code SkipDonationTypes}: payments of donation invoice types are never posted
 * @param transactionIdSource {@code TransactionIdSource}: what the tender's {@code transactionId} extension carries
 */
public record DataPumpConfig(boolean skipDonationTypes, TransactionIdSource transactionIdSource) {

    public static final DataPumpConfig DEFAULT = new DataPumpConfig(false, TransactionIdSource.APPROVAL_CODE);

    public DataPumpConfig {
        if (transactionIdSource == null) {
            throw new IllegalArgumentException("transactionIdSource is required");
        }
    }

    /**
     * docs/postings.md: Milsoft deduplicates payments by the {@code transactionId} extension, and approval codes
     * are not unique (two payments of one payer on one day may share one), so a biller can switch to the
     * payment GUID. docs/daffron.md makes the switch explicit rather than "setting 131 exists", because setting
     * 131 also carries unrelated rules (the PDF link's BCTRModifier).
     */
    public enum TransactionIdSource {
        APPROVAL_CODE("ApprovalCode"),
        PAYMENT_GUID("PaymentGuid");

        private final String settingValue;

        TransactionIdSource(String settingValue) {
            this.settingValue = settingValue;
        }

        public String settingValue() {
            return settingValue;
        }

        static TransactionIdSource fromSetting(String value) {
            for (TransactionIdSource source : values()) {
                if (source.settingValue.equalsIgnoreCase(value.strip())) {
                    return source;
                }
            }
            throw new IllegalArgumentException("advanced setting " + DaffronSettings.JSON_CONFIGURATION
                    + ": Daffron.DataPumpConfigs.TransactionIdSource must be ApprovalCode or PaymentGuid, was '"
                    + value + "'");
        }
    }
}
