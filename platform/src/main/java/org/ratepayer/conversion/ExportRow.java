package org.ratepayer.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One account of the export file (docs/conversion.md, "The export file"). The first seven columns are the layout the
 * conversion team sends the new CIS (seed 003: customer name, account number, email, paperless Y/N, autopay Y/N, default
 * payment method type card/check, its last 4); the six after them are what the verification report checks afterwards.
 */
public record ExportRow(String customerName, String accountNumber, String email, boolean paperless, boolean autopay, String methodType,
        String last4, int scheduledPayments, BigDecimal scheduledTotal, int invoices, BigDecimal invoiceTotal, int payments,
        BigDecimal paymentTotal) {

    public static final List<String> HEADER = List.of("CustomerName", "AccountNumber", "Email", "Paperless", "Autopay",
            "DefaultPaymentMethodType", "Last4", "ScheduledPayments", "ScheduledTotal", "Invoices", "InvoiceTotal", "Payments",
            "PaymentTotal");

    /** "card" or "check" for a card or a bank account, as the seed names them; empty for none. */
    public static String methodType(String method) {
        if (method == null) {
            return "";
        }
        return "ACH".equals(method) ? "check" : "card";
    }

    public void writeTo(Writer out) {
        List<String> f = List.of(nz(customerName), accountNumber, nz(email), yn(paperless), yn(autopay), nz(methodType), nz(last4),
                Integer.toString(scheduledPayments), scheduledTotal.toPlainString(), Integer.toString(invoices), invoiceTotal.toPlainString(),
                Integer.toString(payments), paymentTotal.toPlainString());
        try {
            out.write(line(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String headerLine() {
        return line(HEADER);
    }

    /**
     * Reads an export file back, for the verification report.
     *
     * @throws ConversionRefusal naming the line of the first thing that is not an export row
     */
    public static List<ExportRow> read(String text) {
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !HEADER.equals(CrossReference.split(lines.get(0)))) {
            throw new ConversionRefusal(ConversionRefusal.Kind.INVALID, "not_an_export", "export",
                    "line 1: expected the export's header " + String.join(",", HEADER));
        }
        List<ExportRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = CrossReference.split(lines.get(i));
            try {
                if (f == null || f.size() != HEADER.size()) {
                    throw new IllegalArgumentException("expected " + HEADER.size() + " fields");
                }
                rows.add(new ExportRow(f.get(0), f.get(1), f.get(2), yn(f.get(3)), yn(f.get(4)), f.get(5), f.get(6), Integer.parseInt(f.get(7)),
                        new BigDecimal(f.get(8)), Integer.parseInt(f.get(9)), new BigDecimal(f.get(10)), Integer.parseInt(f.get(11)),
                        new BigDecimal(f.get(12))));
            } catch (IllegalArgumentException e) {
                throw new ConversionRefusal(ConversionRefusal.Kind.INVALID, "not_an_export", "export",
                        "line " + (i + 1) + ": not an export row (" + e.getMessage() + ")");
            }
        }
        return rows;
    }

    private static boolean yn(String s) {
        if ("Y".equals(s)) {
            return true;
        }
        if ("N".equals(s)) {
            return false;
        }
        throw new IllegalArgumentException("Y or N, not '" + s + "'");
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csv(fields.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** Quoted when it holds a comma, a quote or a line break (RFC 4180); a leading = + - @ is quoted too, against spreadsheet formulas. */
    static String csv(String s) {
        boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?");
        if (formula) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
