package org.ratepayer.daffron;

/** The advanced-setting numbers the Daffron integration reads (docs/daffron.md, "Advanced Settings"). */
public final class DaffronSettings {

    public static final int RTDR_URL = 8;
    public static final int RTDR_USER = 9;
    public static final int RTDR_PASSWORD = 10;
    public static final int PAYMENT_URL = 11;
    public static final int PAYMENT_USER = 12;
    public static final int PAYMENT_PASSWORD = 13;
    public static final int PAPERLESS_URL = 14;
    public static final int PAPERLESS_USER = 15;
    public static final int PAPERLESS_PASSWORD = 16;
    public static final int AUTOPAY_URL = 17;
    public static final int AUTOPAY_USER = 18;
    public static final int AUTOPAY_PASSWORD = 19;
    public static final int REMOTE_PDF_URL = 20;
    public static final int SERVICE_VERSION = 35;
    public static final int CARD_PAYMENT_MODES = 64;
    public static final int ACH_PAYMENT_MODES = 65;
    public static final int REMOTE_PDF_VERSION = 119;
    public static final int JSON_CONFIGURATION = 131;
    /** Project-assigned: how accounts are named in MultiSpeak calls, see {@link CisAccountNumber}. */
    public static final int CIS_ACCOUNT_NUMBER = 1006;

    private DaffronSettings() {
    }
}
