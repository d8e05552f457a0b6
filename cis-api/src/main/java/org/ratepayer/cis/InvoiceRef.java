package org.ratepayer.cis;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice as a connector needs it to find the bill image: its number, account, date and the
 * biller-defined custom fields (Custom1…Custom10, keyed "custom2" etc.) from the invoice file, and its
 * InvoiceFormatGuid (null when the file gave none), which says how the bill is presented.
 */
public record InvoiceRef(String invoiceNumber, String accountNumber, LocalDate invoiceDate, Map<String, String> custom,
        UUID invoiceFormatGuid) {

    public InvoiceRef {
        custom = Map.copyOf(custom);
    }

    public String custom(int n) {
        return custom.get("custom" + n);
    }
}
