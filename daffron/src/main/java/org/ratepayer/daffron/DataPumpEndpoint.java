package org.ratepayer.daffron;

import org.ratepayer.multispeak.CbOperation;

/** The three data pump calls and the advanced settings (URL, user, password) of their endpoints (docs/daffron.md). */
enum DataPumpEndpoint {
    PAYMENTS(CbOperation.COMMIT_PAYMENT_TRANSACTION, DaffronSettings.PAYMENT_URL, DaffronSettings.PAYMENT_USER,
            DaffronSettings.PAYMENT_PASSWORD, "payment posting"),
    PAPERLESS(CbOperation.MODIFY_CB_DATA_FOR_CUSTOMER, DaffronSettings.PAPERLESS_URL, DaffronSettings.PAPERLESS_USER,
            DaffronSettings.PAPERLESS_PASSWORD, "paperless posting"),
    HISTORY_COMMENTS(CbOperation.WRITE_ACCOUNT_HISTORY_COMMENTS, DaffronSettings.AUTOPAY_URL,
            DaffronSettings.AUTOPAY_USER, DaffronSettings.AUTOPAY_PASSWORD, "autopay posting");

    final CbOperation operation;
    final int urlSetting;
    final int userSetting;
    final int passwordSetting;
    final String purpose;

    DataPumpEndpoint(CbOperation operation, int urlSetting, int userSetting, int passwordSetting, String purpose) {
        this.operation = operation;
        this.urlSetting = urlSetting;
        this.userSetting = userSetting;
        this.passwordSetting = passwordSetting;
        this.purpose = purpose;
    }

    /** The call a posting goes out on. */
    static DataPumpEndpoint of(org.ratepayer.cis.CisPosting posting) {
        if (posting instanceof org.ratepayer.cis.CisPosting.Payment) {
            return PAYMENTS;
        }
        if (posting instanceof org.ratepayer.cis.CisPosting.Paperless) {
            return PAPERLESS;
        }
        return HISTORY_COMMENTS;
    }
}
