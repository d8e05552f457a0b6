package org.ratepayer.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The verification report (docs/conversion.md, "Verification"): account by account, the export taken before apply
 * against the account as it is now under its new number. {@code passed} only when every check of every account passed.
 */
public record Verification(long billerId, boolean passed, int accounts, int failedAccounts, List<AccountCheck> rows) {

    /** One account: its numbers, each check's outcome, and what differed. */
    public record AccountCheck(String oldNumber, String newNumber, boolean found, boolean autopay, boolean paperless, boolean method,
            boolean scheduled, boolean invoices, boolean payments, List<String> differences) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    public static final List<String> CSV_HEADER = List.of("OldAccountNumber", "NewAccountNumber", "Result", "Autopay", "Paperless",
            "PaymentMethod", "ScheduledPayments", "Invoices", "Payments", "Differences");

    public void writeCsv(Writer out) {
        try {
            out.write(ExportRow.line(CSV_HEADER));
            for (AccountCheck r : rows) {
                out.write(ExportRow.line(List.of(r.oldNumber(), r.newNumber() == null ? "" : r.newNumber(), r.passed() ? "PASS" : "FAIL",
                        ok(r.autopay()), ok(r.paperless()), ok(r.method()), ok(r.scheduled()), ok(r.invoices()), ok(r.payments()),
                        String.join("; ", r.differences()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeHtml(Writer out) {
        List<String> h = new ArrayList<>();
        h.add("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conversion verification, biller " + billerId
                + "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #888;padding:2px 6px}"
                + ".FAIL{background:#fdd}</style></head><body>\n");
        h.add("<h1>Conversion verification, biller " + billerId + "</h1>\n");
        h.add("<p><strong>" + (passed ? "PASSED" : "FAILED") + "</strong>: " + accounts + " accounts checked, " + failedAccounts
                + " with a difference.</p>\n");
        h.add("<table><caption>Each account of the export taken before the conversion, under its new number</caption>\n<thead><tr>");
        for (String c : CSV_HEADER) {
            h.add("<th scope=\"col\">" + c + "</th>");
        }
        h.add("</tr></thead><tbody>\n");
        for (AccountCheck r : rows) {
            String result = r.passed() ? "PASS" : "FAIL";
            h.add("<tr class=\"" + result + "\"><td>" + e(r.oldNumber()) + "</td><td>" + e(r.newNumber() == null ? "" : r.newNumber())
                    + "</td><td>" + result + "</td><td>" + ok(r.autopay()) + "</td><td>" + ok(r.paperless()) + "</td><td>" + ok(r.method())
                    + "</td><td>" + ok(r.scheduled()) + "</td><td>" + ok(r.invoices()) + "</td><td>" + ok(r.payments()) + "</td><td>"
                    + e(String.join("; ", r.differences())) + "</td></tr>\n");
        }
        h.add("</tbody></table></body></html>\n");
        try {
            for (String s : h) {
                out.write(s);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String ok(boolean b) {
        return b ? "ok" : "LOST";
    }

    private static String e(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
