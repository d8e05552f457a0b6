package org.ratepayer.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.shared.web.Refusal;

/**
 * docs/payments.md for one payment attempt: which invoice is paid, whether the amount and method are allowed,
 * and the convenience fee. Pure: everything it needs is passed in.
 */
public final class PaymentRules {

    /** The code of a payment on an account the biller does not have. */
    public static final String ACCOUNT_NOT_FOUND = "account_not_found";

    private static final String STATUS_PAID = "PAID";
    private static final String STATUS_SUPERSEDED = "SUPERSEDED";

    private PaymentRules() {
    }

    /** An invoice as the rules see it; {@code newestFirst} lists come from the account's invoices. */
    public record PayableInvoice(String invoiceNumber, String status, LocalDate invoiceDate, BigDecimal totalAmountDue,
            Boolean allowPartialPayments, LocalDate paymentExpirationDate, String paymentExpirationMessage,
            BigDecimal ccServiceFee, BigDecimal achServiceFee) {
    }

    /**
     * @param balanceForwardBlock option 40 for the invoice type
     * @param payableOrder        option 41 for the invoice type
     * @param balanceDue          the live balance (C3); zero or negative is a credit, so any amount is a prepayment
     * @param maximumPayment      the biller's maximum single payment (setting 1005)
     * @param prepaid             the CIS answered with a remaining balance (C3): any amount is a top-up, never a partial payment
     */
    public record Attempt(List<PayableInvoice> newestFirst, String requestedInvoice, BigDecimal amount, Method method,
            BigDecimal balanceDue, boolean blockAch, boolean blockCc, boolean balanceForwardBlock, String payableOrder,
            LocalDate today, BigDecimal maximumPayment, boolean prepaid) {

        /** An attempt on an account the CIS has not called prepaid. */
        public Attempt(List<PayableInvoice> newestFirst, String requestedInvoice, BigDecimal amount, Method method,
                BigDecimal balanceDue, boolean blockAch, boolean blockCc, boolean balanceForwardBlock, String payableOrder,
                LocalDate today, BigDecimal maximumPayment) {
            this(newestFirst, requestedInvoice, amount, method, balanceDue, blockAch, blockCc, balanceForwardBlock,
                    payableOrder, today, maximumPayment, false);
        }
    }

    public record Decision(PayableInvoice invoice, BigDecimal fee) {
    }

    /**
     * Whether an amount can be a payment at all, whatever it pays: more than zero, in whole cents, and at most
     * the biller's maximum single payment (setting 1005), which is what stops an overpayment by a slip of the
     * keyboard (1,000,000 on a 92.94 bill, docs/payments.md). Messages never repeat the amount: written out,
     * a value such as 1E+999999999 would take a gigabyte.
     *
     * @throws PaymentRuleViolation naming the field {@code amount}
     */
    public static void checkAmount(BigDecimal amount, BigDecimal maximumPayment) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new PaymentRuleViolation("amount_invalid", "amount", "the amount must be positive with at most two decimals");
        }
        if (amount.compareTo(maximumPayment) > 0) {
            throw new PaymentRuleViolation("amount_above_maximum", "amount",
                    "the amount is more than this biller's maximum payment of " + maximumPayment.setScale(2).toPlainString());
        }
    }

    /**
     * A payment is for one of the biller's accounts; anything else is "not found", never "not allowed", so a
     * caller cannot tell an account of another biller from one that does not exist.
     *
     * @return the account as found
     * @throws PaymentRuleViolation naming the field {@code accountNumber}
     */
    public static <A> A checkAccount(Optional<A> found, long bid, String accountNumber) {
        return checkAccount(found, bid, accountNumber, "accountNumber");
    }

    /** As {@link #checkAccount(Optional, long, String)}, naming {@code field} (an allocation's account). */
    public static <A> A checkAccount(Optional<A> found, long bid, String accountNumber, String field) {
        return found.orElseThrow(() -> new PaymentRuleViolation(Refusal.Kind.NOT_FOUND, ACCOUNT_NOT_FOUND, field,
                "biller " + bid + " has no account " + accountNumber));
    }

    /** The most accounts one payment may pay: a payer's cart or an option 128 group, never a whole route. */
    public static final int MAX_ALLOCATIONS = 100;

    /** One account's part of a payment of several, as the payer gave it. */
    public record Share(String accountNumber, BigDecimal amount) {
    }

    /**
     * The shape of a payment of several accounts (docs/payments.md, "Payments of several accounts"), before any
     * account is looked at: the total is a payment amount ({@link #checkAmount}); there is at least one account and
     * at most {@value #MAX_ALLOCATIONS}; each names an account no other names, with an amount that could be a
     * payment on its own (more than zero, whole cents); and the amounts add up to the total, to the cent. Each
     * account's own rules (its invoice, block flags, partial payments) are {@link #decide}'s, per account.
     *
     * @throws PaymentRuleViolation naming {@code amount}, {@code allocations} or {@code allocations[i].field}
     */
    public static void checkAllocations(List<Share> shares, BigDecimal total, BigDecimal maximumPayment) {
        checkAmount(total, maximumPayment);
        if (shares == null || shares.isEmpty()) {
            throw new PaymentRuleViolation("allocations_invalid", "allocations", "name at least one account to pay");
        }
        if (shares.size() > MAX_ALLOCATIONS) {
            throw new PaymentRuleViolation("allocations_invalid", "allocations",
                    "one payment pays at most " + MAX_ALLOCATIONS + " accounts");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            String at = "allocations[" + i + "]";
            if (share == null) {
                throw new PaymentRuleViolation("allocations_invalid", at, "an allocation is missing");
            }
            if (share.accountNumber() == null || share.accountNumber().isBlank()) {
                throw new PaymentRuleViolation("allocations_invalid", at + ".accountNumber", "required");
            }
            if (!seen.add(share.accountNumber().strip())) {
                throw new PaymentRuleViolation("allocations_invalid", at + ".accountNumber",
                        "account " + share.accountNumber().strip() + " is named twice; give each account once, with its whole amount");
            }
            BigDecimal amount = share.amount();
            if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new PaymentRuleViolation("amount_invalid", at + ".amount", "the amount must be positive with at most two decimals");
            }
            if (amount.compareTo(total) > 0) {
                // also keeps the sum (and the message below) the size of a real payment
                throw new PaymentRuleViolation("allocations_do_not_add_up", at + ".amount",
                        "one account's amount is more than the payment's amount");
            }
            sum = sum.add(amount);
        }
        if (sum.compareTo(total) != 0) {
            throw new PaymentRuleViolation("allocations_do_not_add_up", "amount", "the accounts' amounts add up to "
                    + sum.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString() + ", not the payment's amount of "
                    + total.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        }
    }

    /**
     * What pays this bill in full: its own amount due, or the live balance when that is smaller (part of it was
     * paid since the file came, or the invoice is older than a credit). The account's balance alone would ask the
     * payer of one of several open bills to pay them all. Zero or less when nothing is owed (a prepayment).
     */
    static BigDecimal fullPayment(PayableInvoice invoice, BigDecimal balanceDue) {
        if (balanceDue.signum() <= 0) {
            return balanceDue;
        }
        BigDecimal invoiceDue = invoice.totalAmountDue();
        return invoiceDue == null || invoiceDue.signum() <= 0 || invoiceDue.compareTo(balanceDue) >= 0 ? balanceDue : invoiceDue;
    }

    /**
     * An older bill named by the payer must still be owed: a paid one is settled, and a superseded one was carried
     * into a newer bill, so paying it would pay a stale amount twice over (docs/payments.md). The newest bill is
     * payable whatever its status: on a paid account the payment is a prepayment.
     */
    private static void checkStillOpen(PayableInvoice invoice, PayableInvoice newest) {
        if (STATUS_PAID.equals(invoice.status())) {
            throw new PaymentRuleViolation("invoice_not_payable", "invoice " + invoice.invoiceNumber() + " is already paid");
        }
        if (STATUS_SUPERSEDED.equals(invoice.status())) {
            throw new PaymentRuleViolation("invoice_not_payable", "invoice " + invoice.invoiceNumber()
                    + " has been carried forward into invoice " + newest.invoiceNumber() + "; only the newest invoice can be paid");
        }
    }

    /**
     * Option 74 (multiple customer login) turns off paying by a saved method through the IVR: a caller who only knows
     * an account number must not be able to spend the methods its owners saved (docs/payments.md).
     *
     * @throws PaymentRuleViolation naming the field {@code methodToken}
     */
    public static void checkSavedMethod(Channel channel, boolean savedMethod, boolean multipleCustomerLogin) {
        if (channel == Channel.IVR && savedMethod && multipleCustomerLogin) {
            throw new PaymentRuleViolation("saved_method_not_allowed", "methodToken",
                    "this biller does not take payments by a saved method through the IVR; send a card or bank account");
        }
    }

    public static Decision decide(Attempt a) {
        checkAmount(a.amount(), a.maximumPayment());
        if (a.newestFirst().isEmpty()) {
            throw new PaymentRuleViolation("no_open_invoice", "the account has no invoice to pay");
        }
        PayableInvoice newest = a.newestFirst().get(0);
        PayableInvoice invoice;
        if (a.requestedInvoice() != null && !a.requestedInvoice().isBlank()) {
            Optional<PayableInvoice> found = a.newestFirst().stream()
                    .filter(i -> i.invoiceNumber().equals(a.requestedInvoice())).findFirst();
            invoice = found.orElseThrow(() -> new PaymentRuleViolation("invoice_not_found",
                    "invoice " + a.requestedInvoice() + " is not an invoice of this account"));
        } else {
            invoice = newest;
        }
        if (invoice != newest) {
            checkStillOpen(invoice, newest);
        }
        boolean onlyNewest = a.balanceForwardBlock() || ConfigCatalogue.MOST_RECENT_INVOICE_FIRST.equals(a.payableOrder());
        if (onlyNewest && invoice != newest) {
            throw new PaymentRuleViolation("invoice_not_payable", "invoice " + invoice.invoiceNumber()
                    + " has been carried forward into invoice " + newest.invoiceNumber() + "; only the newest invoice can be paid");
        }
        if (invoice.paymentExpirationDate() != null && a.today().isAfter(invoice.paymentExpirationDate())) {
            String message = invoice.paymentExpirationMessage() != null && !invoice.paymentExpirationMessage().isBlank()
                    ? invoice.paymentExpirationMessage()
                    : "this bill can no longer be paid online (payment expired " + invoice.paymentExpirationDate() + ")";
            throw new PaymentRuleViolation("bill_expired", message);
        }
        if (a.method() == Method.ACH && a.blockAch()) {
            throw new PaymentRuleViolation("method_blocked", "bank account payments are not accepted for this account");
        }
        if (a.method() == Method.CARD && a.blockCc()) {
            throw new PaymentRuleViolation("method_blocked", "card payments are not accepted for this account");
        }
        BigDecimal full = fullPayment(invoice, a.balanceDue());
        if (!a.prepaid() && full.signum() > 0 && a.amount().compareTo(full) < 0 && !Boolean.TRUE.equals(invoice.allowPartialPayments())) {
            throw new PaymentRuleViolation("partial_not_allowed", "partial payments are not accepted for this bill; the amount due is "
                    + full.toPlainString());
        }
        BigDecimal fee = a.method() == Method.CARD ? invoice.ccServiceFee() : invoice.achServiceFee();
        return new Decision(invoice, fee == null ? BigDecimal.ZERO.setScale(2) : fee);
    }
}
