package org.ratepayer.servicedesk.account;

import java.util.List;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.notifications.EmailLog;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payments.PaymentList;

/**
 * Everything the biller portal's account page shows of one account (docs/staff-search.md, "The account page"), read
 * in one call. Never a processor token or more of a card or bank account than its brand and last four.
 *
 * @param customer  the account as the biller's file gave it
 * @param invoices  newest first, without detail lines
 * @param payments  the newest {@link StaffAccounts#PAYMENTS} payments that paid this account (alone or with others)
 * @param users     the portal users who hold the account: more than one are co-owners
 * @param autopayBy who set autopay as it stands: a portal user, "staff:" and a staff user, or the API caller; null when off
 * @param balance   the live balance (asked of the CIS when the rules say so), or null when none could be had
 * @param emails    newest first, at most {@link StaffAccounts#EMAILS}
 */
public record AccountView(InvoiceQueries.Account customer, List<InvoiceQueries.Invoice> invoices, List<Payment> payments,
        List<User> users, AutopayEnrolments.Autopay autopay, String autopayBy, boolean paperless,
        List<ScheduledPayments.Scheduled> scheduled, List<EmailLog.SentEmail> emails, BalanceView balance, BlockFlags blockFlags) {

    public AccountView {
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
        users = List.copyOf(users);
        scheduled = List.copyOf(scheduled);
        emails = List.copyOf(emails);
    }

    /** @param takenBy the staff user who took it; null when a payer or a system did */
    public record Payment(PaymentList.PaymentItem payment, String takenBy) {
    }

    /** A portal user of the account, with the methods saved in their wallet (last four only). */
    public record User(String username, String email, List<SavedPaymentMethod> methods) {
        public User {
            methods = List.copyOf(methods);
        }
    }

    /**
     * @param cisCc    the CIS's own flag (its last answer or invoice file)
     * @param staffCc  the block the biller's staff put on the account, which holds whatever the CIS says
     * @param readOnly setting 32: staff may see the flags but not change theirs
     */
    public record BlockFlags(boolean cisCc, boolean cisAch, boolean staffCc, boolean staffAch, boolean readOnly) {

        /** Whether card payments are refused, by either. */
        public boolean blockCc() {
            return cisCc || staffCc;
        }

        public boolean blockAch() {
            return cisAch || staffAch;
        }
    }

    /** Whether more than one portal user holds the account. */
    public boolean coOwned() {
        return users.size() > 1;
    }
}
