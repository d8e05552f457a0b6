package org.ratepayer.cis;

import java.time.LocalDate;
import java.util.Map;

/**
 * An invoice as a connector needs it to find the bill image: its number, account, date and the
 * biller-defined custom fields (Custom1…Custom10, keyed "custom2" etc.) from the invoice file.
 */
public record InvoiceRef(String invoiceNumber, String accountNumber, LocalDate invoiceDate, Map<String, String> custom) {

    public InvoiceRef {
        custom = Map.copyOf(custom);
    }

    public String custom(int n) {
        return custom.get("custom" + n);
    }
}
