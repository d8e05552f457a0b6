package org.ratepayer.billing.internal;

import static org.ratepayer.bif.FileSpecIds.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.ratepayer.bif.BifInvoice;
import org.ratepayer.bif.BifRow;

/**
 * The temporary table an invoice file is streamed into with COPY before it is merged into
 * accounts, invoices and lines in the same transaction. Invoices ('I') and their detail lines ('L')
 * share one table because a connection can run only one COPY at a time and the file is read once.
 */
public final class InvoiceStage {

    public static final String CREATE = """
            create temp table bif_stage (
                kind char(1) not null,
                line bigint not null,
                invoice_number text not null,
                account_number text,
                line_no integer,
                description text,
                amount numeric(15, 2),
                invoice_format_guid uuid,
                invoice_type_id integer,
                invoice_date date,
                due_date date,
                total_amount_due numeric(15, 2),
                past_due numeric(15, 2),
                custom1 text, custom2 text, custom3 text, custom4 text, custom5 text,
                custom6 text, custom7 text, custom8 text, custom9 text, custom10 text,
                allow_partial_payments boolean,
                autopay_collection_date date,
                balance_forward numeric(15, 2),
                first_notify_date date,
                second_notify_date date,
                third_notify_date date,
                payment_expiration_date date,
                payment_expiration_message text,
                minimum_amount_due numeric(15, 2),
                cc_service_fee numeric(15, 2),
                ach_service_fee numeric(15, 2),
                late_fee_date date,
                location_reference text,
                prompt_pay_expiration_date date,
                registration_value text,
                customer_number text,
                customer_name text,
                address1 text,
                address2 text,
                city text,
                state text,
                zip text,
                phone text,
                email text,
                display_account_number text,
                block_cc boolean,
                conveyance boolean,
                -- the line of the CR row, which names the account: a refusal points there (docs/conversion-old-numbers.md)
                customer_line bigint
            ) on commit drop
            """;

    public static final String COPY = "copy bif_stage from stdin";

    /** The columns an invoice row fills, in table order; lines fill the first seven. */
    static final String INVOICE_COLUMNS = """
            invoice_format_guid, invoice_type_id, invoice_date, due_date, total_amount_due, past_due,
            custom1, custom2, custom3, custom4, custom5, custom6, custom7, custom8, custom9, custom10,
            allow_partial_payments, autopay_collection_date, balance_forward, first_notify_date, second_notify_date,
            third_notify_date, payment_expiration_date, payment_expiration_message, minimum_amount_due,
            cc_service_fee, ach_service_fee, late_fee_date, location_reference, prompt_pay_expiration_date,
            registration_value""";

    private static final int INVOICE_ONLY_COLUMNS = 31 + 13;

    private final CopyTextWriter out;
    private boolean anyConveyance;

    public InvoiceStage(CopyTextWriter out) {
        this.out = out;
    }

    /**
     * Whether some customer record carried the Conveyance flag (FileSpecId 2017) true: a file without one, from a biller
     * without auto-conveyance, needs no look for owner changes at all (docs/conveyance.md).
     */
    public boolean anyConveyance() {
        return anyConveyance;
    }

    public void add(BifInvoice invoice) {
        try {
            BifRow h = invoice.header();
            BifRow c = invoice.customer();
            String invoiceNumber = invoice.invoiceNumber();
            String account = invoice.accountNumber();
            out.text("I").number(invoice.line()).text(invoiceNumber).text(account)
                    .text(null).text(null).amount(null)
                    .text(h.get(INVOICE_FORMAT_GUID)).text(h.get(INVOICE_TYPE_ID))
                    .date(h.date(INVOICE_DATE)).date(h.date(INVOICE_DUE_DATE))
                    .amount(h.amount(TOTAL_AMOUNT_DUE)).amount(h.amount(PAST_DUE))
                    .text(h.get(CUSTOM1)).text(h.get(CUSTOM2)).text(h.get(CUSTOM3)).text(h.get(CUSTOM4)).text(h.get(CUSTOM5))
                    .text(h.get(CUSTOM6)).text(h.get(CUSTOM7)).text(h.get(CUSTOM8)).text(h.get(CUSTOM9)).text(h.get(CUSTOM10))
                    .bool(h.flag(ALLOW_PARTIAL_PAYMENTS)).date(h.date(AUTOPAY_COLLECTION_DATE)).amount(h.amount(BALANCE_FORWARD))
                    .date(h.date(FIRST_NOTIFY_DATE)).date(h.date(SECOND_NOTIFY_DATE)).date(h.date(THIRD_NOTIFY_DATE))
                    .date(h.date(PAYMENT_EXPIRATION_DATE)).text(h.get(PAYMENT_EXPIRATION_MESSAGE))
                    .amount(h.amount(MINIMUM_AMOUNT_DUE)).amount(h.amount(CC_SERVICE_FEE)).amount(h.amount(ACH_SERVICE_FEE))
                    .date(h.date(LATE_FEE_DATE)).text(h.get(LOCATION_REFERENCE)).date(h.date(PROMPT_PAY_EXPIRATION_DATE))
                    .text(h.get(REGISTRATION_VALUE))
                    .text(customerNumber(h.get(CUSTOM2), account)).text(c.get(CUSTOMER_NAME))
                    .text(c.get(ADDRESS1)).text(c.get(ADDRESS2)).text(c.get(CITY)).text(c.get(STATE)).text(c.get(ZIP))
                    .text(c.get(PHONE)).text(c.get(EMAIL_ADDRESS)).text(c.get(DISPLAY_ACCOUNT_NUMBER))
                    .bool(c.flag(BLOCK_PAYMENTS_CC)).bool(c.flag(CONVEYANCE)).number(c.line());
            out.endRow();
            anyConveyance |= Boolean.TRUE.equals(c.flag(CONVEYANCE));
            int lineNo = 0;
            // A bare ID row (the seed's form) carries no line, so none is stored: bif/README.md.
            for (BifRow d : invoice.lines()) {
                out.text("L").number(d.line()).text(invoiceNumber).text(null)
                        .number(++lineNo).text(d.get(LINE_DESCRIPTION)).amount(d.amount(LINE_AMOUNT));
                for (int i = 0; i < INVOICE_ONLY_COLUMNS; i++) {
                    out.text(null);
                }
                out.endRow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Daffron's Custom2 is the base (customer) number; without it, the part of the account before the dash. */
    static String customerNumber(String custom2, String accountNumber) {
        if (custom2 != null && !custom2.isBlank()) {
            return custom2;
        }
        int dash = accountNumber.indexOf('-');
        return dash > 0 ? accountNumber.substring(0, dash) : accountNumber;
    }
}
