package org.ratepayer.daffron;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * docs/presentment.md: the URL of an invoice's PDF on the Daffron eprint service.
 *
 * <ul>
 *   <li>v1 {@code PROCESSING_TYPE=HISTORY&ACCT={Custom2}&SUB={Custom3}}</li>
 *   <li>v2 adds {@code &BCTR={Custom10}}</li>
 *   <li>v3 adds {@code &LDMO={yyyyMM of InvoiceDate}}</li>
 *   <li>v4 adds {@code &PRINT_FORM=TRUE}</li>
 * </ul>
 *
 * A Custom9 containing INV or EBIL forces v2 for that invoice. Field values are used with
 * surrounding whitespace removed: file fields can arrive padded, and a padded account number
 * would not be found on the CIS side.
 */
public final class PdfLinks {

    /**
     * The InvoiceFormatGuid "Daffron - PDF Remote Link" (docs/daffron.md): only invoices of this format have
     * their bill image on the eprint service.
     */
    public static final UUID REMOTE_LINK_FORMAT = UUID.fromString("BA1CEC36-997C-48E3-8406-437640EDFF84");

    /** Custom9 markers that force version 2 (docs/daffron.md), compared case-insensitively. */
    private static final String[] FORCE_V2_MARKERS = {"INV", "EBIL"};
    static final int FORCED_VERSION = 2;

    /** Decision (docs/presentment.md): the month is zero-padded (202408, not 20248). */
    private static final DateTimeFormatter LDMO = DateTimeFormatter.ofPattern("uuuuMM", Locale.ROOT);

    private final PdfLinkConfig config;

    public PdfLinks(PdfLinkConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("PDF link configuration (settings 20, 119, 131) is required");
        }
        this.config = config;
    }

    /** The service version used for this invoice: the configured one unless Custom9 forces v2. */
    public int effectiveVersion(PdfInvoiceRef invoice) {
        return forcesV2(invoice.custom9()) ? FORCED_VERSION : config.version();
    }

    public URI linkFor(PdfInvoiceRef invoice) {
        if (invoice == null) {
            throw new IllegalArgumentException("invoice is required");
        }
        int version = effectiveVersion(invoice);
        QueryString query = new QueryString()
                .add("PROCESSING_TYPE", "HISTORY")
                .add("ACCT", required(invoice.custom2(), "Custom2 (ACCT, base account number)", "the PDF link"))
                .add("SUB", required(invoice.custom3(), "Custom3 (SUB, sub account number)", "the PDF link"));
        if (version >= 2) {
            query.add("BCTR", bctr(invoice, version));
        }
        if (version >= 3) {
            query.add("LDMO", ldmo(invoice.invoiceDate(), version));
        }
        if (version >= 4) {
            query.add("PRINT_FORM", "TRUE");
        }
        return query.appendTo(config.baseUri());
    }

    private String bctr(PdfInvoiceRef invoice, int version) {
        String custom10 = required(invoice.custom10(), "Custom10 (BCTR, bill control number)",
                versionNote(invoice, version));
        if (!config.bctrValueAfterDash()) {
            return custom10;
        }
        int dash = custom10.indexOf('-');
        if (dash < 0) {
            return custom10;
        }
        String afterDash = custom10.substring(dash + 1).strip();
        if (afterDash.isEmpty()) {
            throw new IllegalArgumentException("Custom10 (BCTR, bill control number) '" + custom10
                    + "' has nothing after the dash, which setting " + DaffronSettings.JSON_CONFIGURATION
                    + " (BCTRModifier ValueAfterDash) requires");
        }
        return afterDash;
    }

    private String ldmo(LocalDate invoiceDate, int version) {
        if (invoiceDate == null) {
            throw new IllegalArgumentException("InvoiceDate (LDMO) is required for PDF service version " + version);
        }
        return LDMO.format(invoiceDate);
    }

    /** Explains where the version came from, since a forced v2 surprises a v1 biller. */
    private String versionNote(PdfInvoiceRef invoice, int version) {
        String note = "PDF service version " + version;
        if (version != config.version()) {
            note += " (setting " + DaffronSettings.REMOTE_PDF_VERSION + " is " + config.version()
                    + ", Custom9 '" + invoice.custom9() + "' forces 2)";
        }
        return note;
    }

    private static String required(String value, String field, String purpose) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required for " + purpose);
        }
        return value.strip();
    }

    private static boolean forcesV2(String custom9) {
        if (custom9 == null) {
            return false;
        }
        String upper = custom9.toUpperCase(Locale.ROOT);
        for (String marker : FORCE_V2_MARKERS) {
            if (upper.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
