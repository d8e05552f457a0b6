package org.ratepayer.payments.page;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentRuleViolation;
import org.ratepayer.payments.PaymentRules;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.payments.checkout.ReviewedFee;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.stereotype.Service;

/**
 * The one-time payment page's checkout, without HTTP (its controller only translates): find an account by its
 * number and a second fact from the bill, quote what the payer typed and hold it for review, and pay it on
 * channel WEB under the review's idempotency key, with the fee the payer saw. Pay Now's counterpart is
 * {@code paynow.PayNowCheckout}; both read the form through {@link PaymentMethodForm} and check the reviewed
 * fee through {@link ReviewedFee}.
 */
@Service
public class PaymentPageCheckout {

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final PaymentService payments;
    private final RenumberedAccounts renumbered;

    public PaymentPageCheckout(BillerService billers, InvoiceQueries invoices, PaymentService payments,
            RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.billers = billers;
        this.invoices = invoices;
        this.payments = payments;
    }

    /** A refusal the payer can act on, in the payer's words. */
    public static class CheckoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckoutException(String message) {
            super(message);
        }
    }

    /**
     * The payment the payer is reviewing: the gateway's token and what to show (never a card or bank number),
     * and the idempotency key that makes "Pay" safe to click twice.
     */
    public record Pending(String token, String method, String last4, String brand, BigDecimal amount, BigDecimal fee,
            String invoiceNumber, String payerEmail, String idempotencyKey) implements Serializable {

        public BigDecimal total() {
            return amount.add(fee);
        }

        /** The same payment, charged with this token (the method made reusable when the payer saves it). */
        public Pending withToken(String kept) {
            return new Pending(kept, method, last4, brand, amount, fee, invoiceNumber, payerEmail, idempotencyKey);
        }
    }

    /** What "Pay" came to. */
    public sealed interface Confirmed permits Paid, FeeChanged, NotPaid {
    }

    /** The payment was taken (approved, declined or still being confirmed): its receipt says which. */
    public record Paid(UUID paymentGuid) implements Confirmed {
    }

    /** Nothing was charged: the fee changed since the review; the payer reviews {@code again} with the new fee. */
    public record FeeChanged(Pending again, String notice) implements Confirmed {
    }

    /** Nothing was charged, for the reason given. */
    public record NotPaid(String reason) implements Confirmed {
    }

    /** Which fact from the bill, besides the account number, finds an account: ZIP, PHONE, EMAIL or CUSTOMER_NAME. */
    public String searchField(long bid) {
        return billers.cachedConfig(bid).option(ConfigCatalogue.OPT_PAYMENT_PAGE_SEARCH_FIELD).orElse("ZIP");
    }

    /** The biller's account with this number, when the second fact matches it. */
    public Optional<InvoiceQueries.Account> find(long bid, String accountNumber, String secondValue) {
        String field = searchField(bid);
        // a number from a bill printed before a conversion finds the account under its new number, which the page then
        // shows and pays (docs/conversion-old-numbers.md)
        return invoices.account(bid, renumbered.resolve(bid, accountNumber.trim()))
                .filter(a -> AccountMatch.matches(field, a, secondValue));
    }

    /**
     * Quotes what the payer typed (amount, method, receipt email) under the biller's rules and tokenizes the method.
     *
     * @throws CheckoutException when the payment cannot be made as typed
     */
    public Pending review(long bid, String accountNumber, Map<String, String> form) {
        return review(bid, accountNumber, form, null);
    }

    /**
     * Like {@link #review(long, String, Map)}, paying with a method the processor tokenized earlier for this biller
     * (a payer's saved method, docs/payers-portal.md): the form's amount and receipt email are read, its card and bank
     * fields are not.
     *
     * @throws CheckoutException when the payment cannot be made so, or the processor no longer knows the token
     */
    public Pending reviewWithToken(long bid, String accountNumber, Map<String, String> form, String methodToken) {
        return review(bid, accountNumber, form, Objects.requireNonNull(methodToken));
    }

    private Pending review(long bid, String accountNumber, Map<String, String> form, String methodToken) {
        Optional<BigDecimal> amount = PaymentMethodForm.amount(form.get("amount"));
        if (amount.isEmpty()) {
            throw new CheckoutException("Enter the amount to pay, for example 125.40.");
        }
        PaymentRules.Decision decision;
        PaymentGateway.Tokenized token;
        try {
            if (methodToken == null) {
                Method method = PaymentMethodForm.method(form);
                decision = payments.quote(bid, accountNumber, null, amount.get(), method);
                token = PaymentMethodForm.tokenize(payments, bid, method, form, false, accountNumber);
            } else {
                token = payments.tokenizeOne(bid, null, null, methodToken);
                decision = payments.quote(bid, accountNumber, null, amount.get(), token.method());
            }
        } catch (PaymentRuleViolation e) {
            throw new CheckoutException(e.is(PaymentRules.ACCOUNT_NOT_FOUND) ? "This account can no longer be paid here." : e.getMessage());
        } catch (InvalidPaymentMethodException e) {
            throw new CheckoutException(PaymentMethodForm.friendly(e));
        }
        String email = form.getOrDefault("payerEmail", "").trim();
        if (!PaymentMethodForm.plausibleEmail(email)) {
            throw new CheckoutException("The email address for the receipt does not look right.");
        }
        return new Pending(token.token(), token.method().name(), token.last4(), token.brand(), amount.get(), decision.fee(),
                decision.invoice().invoiceNumber(), email, UUID.randomUUID().toString());
    }

    /** How long a second click waits for the first: beyond the processor's own timeout, the repair job settles it. */
    private static final int IN_PROGRESS_WAITS = 40;
    private static final java.time.Duration IN_PROGRESS_PAUSE = java.time.Duration.ofMillis(250);

    /**
     * Pays the reviewed payment, with the fee the payer saw. Safe to call twice for one review: the key is the
     * same, so the second call gets the first one's outcome.
     */
    public Confirmed confirm(long bid, String accountNumber, Pending p) {
        PaymentRequest request = new PaymentRequest(Channel.WEB, accountNumber, p.invoiceNumber(), p.amount(), null, null, p.token(),
                null, p.payerEmail().isEmpty() ? null : p.payerEmail(), null, p.fee());
        PaymentOutcome outcome = payments.submit(bid, p.idempotencyKey(), request);
        // A second click while the first is still at the processor: wait for the first's outcome and answer with it, so
        // every click of one review ends on the same receipt (sessions are shared by nodes, and the last request to
        // finish writes the session; one that gave up would leave the payer with neither the review nor the receipt).
        for (int waited = 0; outcome.inProgress() && waited < IN_PROGRESS_WAITS; waited++) {
            try {
                Thread.sleep(IN_PROGRESS_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = payments.submit(bid, p.idempotencyKey(), request);
        }
        if (outcome instanceof PaymentOutcome.Refused r) {
            Optional<BigDecimal> fee = r.is(PaymentOutcome.Refused.FEE_CHANGED) ? r.feeNow() : Optional.empty();
            if (fee.isPresent()) {
                // The payer sees the new fee and confirms again, under a new key.
                Pending again = new Pending(p.token(), p.method(), p.last4(), p.brand(), p.amount(), fee.get(), p.invoiceNumber(),
                        p.payerEmail(), UUID.randomUUID().toString());
                return new FeeChanged(again, ReviewedFee.changedWords("", p.fee(), fee.get()) + " Check the total and pay again.");
            }
            return new NotPaid(r.detail());
        }
        return new Paid(((PaymentOutcome.Taken) outcome).paymentGuid());
    }
}
