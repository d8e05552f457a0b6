package org.ratepayer.notifications.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Options 112, 131 and 134 (docs/architecture.md, docs/invoice-files.md) as plain decisions, apart from SMTP and the database
 * so that every combination can be read and tested on its own. Addresses compare case-insensitively,
 * because payers retype the same address with different capitals.
 */
public final class EmailRules {

    private static final EmailValidator VALID = EmailValidator.getInstance(false, false);

    private EmailRules() {
    }

    /**
     * The account's addresses after a payment for which the payer entered {@code payerEmail}.
     *
     * @param registered whether a payer user has registered the account (option 131 ALLOW_UNREGISTERED_UPDATES)
     */
    public static AccountEmails afterPayment(EmailPolicy policy, boolean registered, String payerEmail, AccountEmails current) {
        String entered = deliverable(payerEmail);
        if (entered == null) {
            return current;
        }
        return switch (policy.afterPayment()) {
            case ALLOW_UPDATES -> !policy.noOwnerFill() && addresses(current.email()).isEmpty()
                    ? new AccountEmails(entered, current.ccEmail()) : current;
            case ALLOW_CC_UPDATES -> contains(addresses(current.email()), entered) || contains(addresses(current.ccEmail()), entered)
                    ? current : new AccountEmails(current.email(), entered);
            case PREVENT_UPDATES -> current;
            // Option 112 guards only the empty-fill of ALLOW_UPDATES: docs/invoice-files.md requires it on for this mode, so it cannot veto it.
            case ALLOW_UNREGISTERED_UPDATES -> registered || isOnly(addresses(current.email()), entered)
                    ? current : new AccountEmails(entered, current.ccEmail());
        };
    }

    /**
     * Who receives a payment's email, given the account's addresses as they stand after the payment.
     *
     * @param oneTimePayment the payer was there and could enter an address (not autopay or a scheduled run)
     */
    public static List<String> recipients(EmailPolicy policy, boolean oneTimePayment, String payerEmail, AccountEmails account) {
        String entered = deliverable(payerEmail);
        if (oneTimePayment && policy.payerEmailOnly()) {
            return entered == null ? List.of() : List.of(entered);
        }
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        if (entered != null) {
            all.add(entered);
        }
        all.addAll(addresses(account.email()));
        all.addAll(addresses(account.ccEmail()));
        for (String a : all) {
            byLowerCase.putIfAbsent(a.toLowerCase(Locale.ROOT), a);
        }
        return List.copyOf(byLowerCase.values());
    }

    /**
     * Who receives an autopay or scheduled-payment email (docs/autopay.md, "Emails"): every user of the account (its
     * co-owners) and the payer who enrolled, each address once; the account's own addresses, as a receipt's, only when
     * none of them has a deliverable address.
     *
     * @param users the email addresses of the account's users
     * @param enroller the address of the payer who enrolled, or null (enrolled through the API, or no longer a user)
     */
    public static List<String> autopayRecipients(List<String> users, String enroller, AccountEmails account) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(users);
        if (enroller != null) {
            all.add(enroller);
        }
        for (String a : all) {
            String d = deliverable(a);
            if (d != null) {
                byLowerCase.putIfAbsent(d.toLowerCase(Locale.ROOT), d);
            }
        }
        if (byLowerCase.isEmpty()) {
            return recipients(EmailPolicy.DEFAULT, false, null, account);
        }
        return List.copyOf(byLowerCase.values());
    }

    /**
     * Who receives a prepaid low-balance alert (docs/prepaid-alerts.md): every user of the account and the account's own
     * email and CC email, each address once. Unlike a receipt, nobody entered an address for it, so options 131 and 134
     * do not narrow it: the alert is about the account, and everyone the account names should hear of it.
     *
     * @param users the email addresses of the account's users
     */
    public static List<String> lowBalanceRecipients(List<String> users, AccountEmails account) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String u : users) {
            String d = deliverable(u);
            if (d != null) {
                all.add(d);
            }
        }
        all.addAll(addresses(account.email()));
        all.addAll(addresses(account.ccEmail()));
        for (String a : all) {
            byLowerCase.putIfAbsent(a.toLowerCase(Locale.ROOT), a);
        }
        return List.copyOf(byLowerCase.values());
    }

    /**
     * The address trimmed, or null when it is not one we would send to. Quotes, commas and angle
     * brackets are refused even where RFC 5321 allows them: they would break the recipients header.
     */
    static String deliverable(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        if (a.length() > 254 || a.chars().anyMatch(c -> c == '"' || c == ',' || c == ';' || c == '<' || c == '>'
                || Character.isWhitespace(c)) || !VALID.isValid(a)) {
            return null;
        }
        return a;
    }

    /** Invoice files sometimes carry several addresses in one field, separated by commas, semicolons or spaces. */
    static List<String> addresses(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : field.split("[,;\\s]+")) {
            String a = deliverable(part);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean contains(List<String> addresses, String address) {
        return addresses.stream().anyMatch(a -> a.equalsIgnoreCase(address));
    }

    private static boolean isOnly(List<String> addresses, String address) {
        return addresses.size() == 1 && addresses.get(0).equalsIgnoreCase(address);
    }
}
