package org.ratepayer.bif;

/**
 * Every FileSpecId the project knows. Ids up to 407 come from the seed's field map; 38, 42–45 and
 * the 2000s are assigned by the project (see {@link FileSpecCatalogue} and bif/README.md).
 */
public final class FileSpecIds {

    // File header (seed)
    public static final int FH_ROW_TYPE = 1;
    public static final int BILLER_GUID = 2;
    public static final int FILE_CREATION_DATE = 4;
    public static final int INVOICE_COUNT = 5;
    public static final int TOTAL_INVOICE_AMOUNT = 6;

    // Invoice header (seed)
    public static final int IH_ROW_TYPE = 7;
    public static final int RECORD_TYPE = 8;
    public static final int INVOICE_FORMAT_GUID = 9;
    public static final int INVOICE_NUMBER = 10;
    public static final int INVOICE_DATE = 11;
    public static final int INVOICE_DUE_DATE = 12;
    public static final int TOTAL_AMOUNT_DUE = 13;
    /** Project-assigned: the seed numbers Custom2 as 39, so Custom1 takes 38. */
    public static final int CUSTOM1 = 38;
    public static final int CUSTOM2 = 39;
    public static final int CUSTOM3 = 40;
    public static final int CUSTOM4 = 41;
    /** Project-assigned, following the seed's Custom4 = 41 … Custom9 = 46 numbering. */
    public static final int CUSTOM5 = 42;
    /** Project-assigned. */
    public static final int CUSTOM6 = 43;
    /** Project-assigned. */
    public static final int CUSTOM7 = 44;
    /** Project-assigned. */
    public static final int CUSTOM8 = 45;
    public static final int CUSTOM9 = 46;
    public static final int CUSTOM10 = 47;
    public static final int PAST_DUE = 407;

    // Customer record (seed)
    public static final int CR_ROW_TYPE = 58;
    public static final int ACCOUNT_NUMBER = 59;
    public static final int CUSTOMER_NAME = 60;
    public static final int ADDRESS1 = 61;
    public static final int ADDRESS2 = 62;
    public static final int CITY = 63;
    public static final int STATE = 64;
    public static final int ZIP = 65;
    public static final int PHONE = 66;
    public static final int EMAIL_ADDRESS = 67;
    public static final int BLOCK_PAYMENTS_CC = 356;
    public static final int DISPLAY_ACCOUNT_NUMBER = 373;

    // Invoice detail (seed)
    public static final int ID_ROW_TYPE = 70;

    // Invoice header customizations (project-assigned)
    public static final int ALLOW_PARTIAL_PAYMENTS = 2001;
    public static final int AUTOPAY_COLLECTION_DATE = 2002;
    public static final int BALANCE_FORWARD = 2003;
    public static final int FIRST_NOTIFY_DATE = 2004;
    public static final int SECOND_NOTIFY_DATE = 2005;
    public static final int THIRD_NOTIFY_DATE = 2006;
    public static final int PAYMENT_EXPIRATION_DATE = 2007;
    public static final int PAYMENT_EXPIRATION_MESSAGE = 2008;
    public static final int MINIMUM_AMOUNT_DUE = 2009;
    public static final int INVOICE_TYPE_ID = 2010;
    public static final int CC_SERVICE_FEE = 2011;
    public static final int ACH_SERVICE_FEE = 2012;
    public static final int LATE_FEE_DATE = 2013;
    public static final int LOCATION_REFERENCE = 2014;
    public static final int PROMPT_PAY_EXPIRATION_DATE = 2015;
    public static final int REGISTRATION_VALUE = 2016;

    // Customer record customization (project-assigned): the account changed owner (docs/conveyance.md)
    public static final int CONVEYANCE = 2017;

    // Invoice detail lines (project-assigned)
    public static final int LINE_DESCRIPTION = 2101;
    public static final int LINE_AMOUNT = 2102;

    private FileSpecIds() {
    }
}
