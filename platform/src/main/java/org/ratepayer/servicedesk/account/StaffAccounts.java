package org.ratepayer.servicedesk.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.notifications.EmailLog;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payments.PaymentList;
import org.ratepayer.payments.PaymentService;
import org.springframework.stereotype.Service;

/**
 * The account page's read (docs/staff-search.md, "The account page"): one call gathering what each module says of the
 * account through its public API, so the page shows exactly what payers, the API and the CIS see.
 */
@Service
public class StaffAccounts {

    /** The account page lists this many of the newest payments; older ones are found through search's filters. */
    public static final int PAYMENTS = 50;
    public static final int EMAILS = 50;

    private final InvoiceQueries invoices;
    private final PaymentService payments;
    private final PayerDirectory payers;
    private final Wallet wallet;
    private final AutopayEnrolments autopay;
    private final PaperlessEnrolments paperless;
    private final ScheduledPayments scheduled;
    private final EmailLog emails;
    private final BalanceService balances;
    private final BillerService billers;

    public StaffAccounts(InvoiceQueries invoices, PaymentService payments, PayerDirectory payers, Wallet wallet,
            AutopayEnrolments autopay, PaperlessEnrolments paperless, ScheduledPayments scheduled, EmailLog emails,
            BalanceService balances, BillerService billers) {
        this.invoices = invoices;
        this.payments = payments;
        this.payers = payers;
        this.wallet = wallet;
        this.autopay = autopay;
        this.paperless = paperless;
        this.scheduled = scheduled;
        this.emails = emails;
        this.balances = balances;
        this.billers = billers;
    }

    /** Empty when the biller has no such account: another biller's account is not found either. */
    public Optional<AccountView> view(long bid, String accountNumber) {
        // the refresh first: it may ask the CIS and store its block flags, which the account's row then shows.
        // When nothing at all is known the page says so rather than failing.
        BalanceView balance = balances.balance(bid, accountNumber).orElse(null);
        Optional<InvoiceQueries.Account> found = invoices.account(bid, accountNumber);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        InvoiceQueries.Account customer = found.get();
        List<PaymentList.PaymentItem> paid = payments.list(bid, new PaymentList.Filter(accountNumber, null, null, null, null), 1, PAYMENTS)
                .items();
        Map<UUID, String> takenBy = payments.takenBy(bid, paid.stream().map(PaymentList.PaymentItem::paymentGuid).toList());
        List<AccountView.User> users = payers.registration(bid, accountNumber).users().stream()
                .map(name -> payers.find(bid, name)).flatMap(Optional::stream)
                .map(p -> new AccountView.User(p.username(), p.email(), wallet.methods(bid, p.userId())))
                .toList();
        return Optional.of(new AccountView(customer, invoices.invoicesWithoutLines(bid, accountNumber),
                paid.stream().map(p -> new AccountView.Payment(p, takenBy.get(p.paymentGuid()))).toList(),
                users, autopay.autopay(bid, accountNumber), autopay.setBy(bid, accountNumber).orElse(null),
                paperless.enrolled(bid, accountNumber), scheduled.list(bid, accountNumber),
                emails.forAccount(bid, accountNumber, EMAILS), balance,
                new AccountView.BlockFlags(customer.blockCc(), customer.blockAch(), customer.staffBlockCc(), customer.staffBlockAch(),
                        blockFlagsReadOnly(billers.cachedConfig(bid)))));
    }

    /** Setting 32; its catalogue default is 1 (read-only), so a biller that never set it keeps the CIS's flags. */
    public static boolean blockFlagsReadOnly(BillerConfig config) {
        return config.setting(ConfigCatalogue.SET_BLOCK_FLAGS_READ_ONLY).map(v -> !"0".equals(v.strip())).orElse(true);
    }

}
