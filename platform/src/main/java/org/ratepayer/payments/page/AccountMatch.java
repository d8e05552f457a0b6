package org.ratepayer.payments.page;

import org.ratepayer.billing.InvoiceQueries;

/**
 * The payment page's rule for finding an account: its number and a second fact from the bill, the biller's
 * choice of ZIP (the first five digits), phone (its digits), email or customer name (either without regard
 * to case). An empty fact matches nothing. Self-service registration in the portal uses its ZIP rule too.
 */
public final class AccountMatch {

    private AccountMatch() {
    }

    static boolean matches(String field, InvoiceQueries.Account a, String given) {
        String g = given == null ? "" : given.trim();
        if (g.isEmpty()) {
            return false;
        }
        return switch (field) {
            case "PHONE" -> digits(a.phone()).equals(digits(g)) && !digits(g).isEmpty();
            case "EMAIL" -> a.email() != null && a.email().equalsIgnoreCase(g);
            case "CUSTOMER_NAME" -> a.customerName() != null && a.customerName().trim().equalsIgnoreCase(g);
            default -> zipMatches(a.zip(), g);
        };
    }

    /** A ZIP as typed matches the one on file by its first five digits (ZIP+4 or not, with or without a dash). */
    public static boolean zipMatches(String onFile, String given) {
        String g = digits(given);
        return onFile != null && g.length() >= 5 && digits(onFile).startsWith(g.substring(0, 5));
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
    }
}
