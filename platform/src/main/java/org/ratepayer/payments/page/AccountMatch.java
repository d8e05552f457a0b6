package org.ratepayer.payments.page;

import org.ratepayer.billing.InvoiceQueries;

/**
 * The payment page's rule for finding an account: its number and a second fact from the bill, the biller's
 * choice of ZIP (the first five digits), phone (its digits), email or customer name (either without regard
 * to case). An empty fact matches nothing.
 */
final class AccountMatch {

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
            default -> a.zip() != null && !digits(g).isEmpty() && digits(a.zip()).startsWith(digits(g).length() >= 5
                    ? digits(g).substring(0, 5) : "-");
        };
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
    }
}
