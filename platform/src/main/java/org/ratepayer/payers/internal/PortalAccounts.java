package org.ratepayer.payers.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.balances.PrepaidThresholds;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.payers.Payer;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.presentment.BillPdfService;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Service;

/**
 * What the customer portal shows a signed-in payer (docs/payers-portal.md): the accounts the payer holds, each with
 * its live balance and its bills. Who holds what is read from the directory on every call, so an account the CIS
 * unlinks is gone at once; an account the payer does not hold is answered exactly like one that does not exist.
 */
@Service
public class PortalAccounts {

    private final PayerDirectory directory;
    private final InvoiceQueries invoices;
    private final BalanceService balances;
    private final BillPdfService pdfs;
    private final BillerService billers;

    public PortalAccounts(PayerDirectory directory, InvoiceQueries invoices, BalanceService balances, BillPdfService pdfs,
            BillerService billers) {
        this.directory = directory;
        this.invoices = invoices;
        this.balances = balances;
        this.pdfs = pdfs;
        this.billers = billers;
    }

    /** One bill as the portal lists it: whether its PDF can be fetched decides whether it gets a link. */
    public record Bill(InvoiceQueries.Invoice invoice, String statusWords, boolean pdf) {
    }

    /**
     * One account on the home page. {@code newest} is the bill a payment goes to (the newest that a later one has not
     * replaced), null for an account without bills.
     *
     * @param lowBalance a prepaid account below its biller's alert threshold (settings 1012, 1013; docs/prepaid-alerts.md)
     */
    public record AccountView(InvoiceQueries.Account account, BalanceView balance, InvoiceQueries.Invoice newest, List<Bill> bills,
            boolean lowBalance) {

        public String shownNumber() {
            return account.displayAccountNumber() != null && !account.displayAccountNumber().isBlank()
                    ? account.displayAccountNumber() : account.accountNumber();
        }

        /** What the pay form starts with: what is due now, as the CIS says; nothing when nothing is due. */
        public BigDecimal suggestedAmount() {
            return balance.balanceDue().signum() > 0 ? balance.balanceDue() : null;
        }
    }

    /** The payer as the directory has it now; empty when the user is gone (the session is then worthless). */
    public Optional<Payer> payer(SignedInPayer signedIn) {
        return directory.find(signedIn.bid(), signedIn.userId());
    }

    /** Every account the payer holds, in the order they were linked. */
    public List<AccountView> accounts(Payer payer) {
        Map<String, InvoiceQueries.Account> known = invoices.accounts(payer.bid(), payer.accounts());
        Map<String, List<InvoiceQueries.Invoice>> bills = invoices.invoicesWithoutLines(payer.bid(), known.keySet());
        return payer.accounts().stream().filter(known::containsKey)
                .map(a -> view(payer.bid(), known.get(a), bills.get(a))).flatMap(Optional::stream).toList();
    }

    /**
     * One account of the signed-in payer.
     *
     * @throws PayerRefusal not found, when the payer does not hold it (or is gone), as for an account that does not exist
     */
    public AccountView account(SignedInPayer signedIn, String accountNumber) {
        return view(signedIn.bid(), held(signedIn, accountNumber).orElseThrow(() -> notFound(accountNumber)))
                .orElseThrow(() -> notFound(accountNumber));
    }

    /** The account number when the signed-in payer holds it. */
    public Optional<String> held(SignedInPayer signedIn, String accountNumber) {
        return payer(signedIn).filter(p -> p.holds(accountNumber)).map(p -> accountNumber);
    }

    /**
     * One bill of an account the signed-in payer holds.
     *
     * @throws PayerRefusal not found, for an account the payer does not hold or a bill that is not that account's
     */
    public InvoiceQueries.Invoice bill(SignedInPayer signedIn, String accountNumber, String invoiceNumber) {
        String account = held(signedIn, accountNumber).orElseThrow(() -> notFound(accountNumber));
        return invoices.invoicesWithoutLines(signedIn.bid(), account).stream().filter(i -> i.invoiceNumber().equals(invoiceNumber)).findFirst()
                .orElseThrow(() -> notFound(accountNumber));
    }

    private Optional<AccountView> view(long bid, String accountNumber) {
        return invoices.account(bid, accountNumber)
                .flatMap(a -> view(bid, a, invoices.invoicesWithoutLines(bid, accountNumber)));
    }

    private Optional<AccountView> view(long bid, InvoiceQueries.Account account, List<InvoiceQueries.Invoice> list) {
        Optional<BalanceView> balance = balances.balance(bid, account.accountNumber());
        if (balance.isEmpty()) {
            return Optional.empty();
        }
        InvoiceQueries.Invoice newest = list.stream().filter(i -> !"SUPERSEDED".equals(i.status())).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
        List<Bill> bills = list.stream().map(i -> new Bill(i, statusWords(i.status()), pdfs.available(bid, i))).toList();
        // the same rule as the alert emails, on the balance shown
        boolean low = PrepaidThresholds.of(billers.cachedConfig(bid)).low(balance.get());
        return Optional.of(new AccountView(account, balance.get(), newest, bills, low));
    }

    private static String statusWords(String status) {
        return switch (status) {
            case "OPEN" -> "Open";
            case "PAID" -> "Paid";
            case "PARTIALLY_PAID" -> "Partly paid";
            case "SUPERSEDED" -> "Replaced by a newer bill";
            default -> status;
        };
    }

    private static PayerRefusal notFound(String accountNumber) {
        return new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "no account " + accountNumber + " here");
    }
}
