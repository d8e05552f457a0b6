package org.ratepayer.payments.internal.webhooks;

import java.util.Locale;
import java.util.Map;

/**
 * The NACHA return code of a failed or returned bank payment (docs/ach.md, "Return codes"). A processor that sends the
 * bank's raw code (R01…R85) is taken at its word; Stripe sends its own failure codes, each standing for a group of
 * R-codes in its table of network decline codes (docs.stripe.com/declines/network-codes): the group's usual member is
 * kept, with Stripe's code in the words so nothing is lost. Anything else is {@value #OTHER}.
 */
public final class AchReturnCodes {

    /** A failure whose code is not in the table. */
    public static final String OTHER = "OTHER";

    /** A return code and its words for staff and the payer. */
    public record Reason(String code, String words) {
    }

    private static final Map<String, Reason> STRIPE = Map.ofEntries(
            Map.entry("insufficient_funds", new Reason("R01", "Insufficient funds")),
            Map.entry("bank_account_closed", new Reason("R02", "Account closed")),
            Map.entry("account_closed", new Reason("R02", "Account closed")),
            Map.entry("no_account", new Reason("R03", "No account, or unable to locate the account")),
            Map.entry("bank_account_invalid_details", new Reason("R03", "No account, or unable to locate the account")),
            Map.entry("invalid_account_number", new Reason("R04", "Invalid account number")),
            Map.entry("account_number_invalid", new Reason("R04", "Invalid account number")),
            // Stripe's one code for R05, R07, R08, R10, R11, R29 and R31: R10 is the one a consumer's bank sends
            Map.entry("debit_not_authorized", new Reason("R10", "Customer advises the debit was not authorized")),
            Map.entry("bank_account_frozen", new Reason("R16", "Account frozen")),
            Map.entry("bank_account_restricted", new Reason("R20", "Non-transaction account")));

    /** The standard words of the raw codes a processor may send itself. */
    private static final Map<String, String> NACHA = Map.ofEntries(
            Map.entry("R01", "Insufficient funds"),
            Map.entry("R02", "Account closed"),
            Map.entry("R03", "No account, or unable to locate the account"),
            Map.entry("R04", "Invalid account number"),
            Map.entry("R05", "Unauthorized debit to a consumer account"),
            Map.entry("R06", "Returned at the originating bank's request"),
            Map.entry("R07", "Authorization revoked by the customer"),
            Map.entry("R08", "Payment stopped"),
            Map.entry("R09", "Uncollected funds"),
            Map.entry("R10", "Customer advises the debit was not authorized"),
            Map.entry("R16", "Account frozen"),
            Map.entry("R20", "Non-transaction account"),
            Map.entry("R29", "Corporate customer advises not authorized"));

    private AchReturnCodes() {
    }

    /**
     * @param raw     the bank's own return code when the processor sends it (the sandbox does), else null
     * @param failure the processor's failure code (Stripe's {@code last_payment_error.code} or a dispute's reason), or null
     * @param message the processor's words, kept when the code says nothing better
     */
    public static Reason of(String raw, String failure, String message) {
        String r = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (r.matches("R\\d\\d")) {
            String words = NACHA.get(r);
            return new Reason(r, words != null ? words : blank(message) ? "Returned by the bank" : message.strip());
        }
        String f = failure == null ? "" : failure.strip().toLowerCase(Locale.ROOT);
        Reason known = STRIPE.get(f);
        if (known != null) {
            return new Reason(known.code(), known.words() + " (" + f + ")");
        }
        String words = !blank(message) ? message.strip() : !f.isEmpty() ? f : "Returned by the bank";
        return new Reason(OTHER, words);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
