package org.ratepayer.paynow.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentRuleViolation;
import org.ratepayer.payments.PaymentRules;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.StatedInvoice;
import org.ratepayer.payments.checkout.ReviewedFee;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.stereotype.Service;

/**
 * Paying on the hosted page: the payer's invoices are quoted under the biller's rules with the
 * partner's amounts (they win, docs/paynow.md), held for review with a gateway token, and paid through
 * {@link PaymentService} on channel CPV2 - one payment per invoice, as the CIS posts and the partner's
 * postback carry one invoice each. Every payment's idempotency key comes from the reviewed attempt,
 * so a double click or a reload of "Pay" replays the first answer instead of paying again.
 */
@Service
public class PayNowCheckout {

    private final PaymentService payments;
    private final PayNowSessions sessions;

    public PayNowCheckout(PaymentService payments, PayNowSessions sessions) {
        this.payments = payments;
        this.sessions = sessions;
    }

    /** A refusal the payer can act on, in the payer's words. */
    public static class CheckoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CheckoutException(String message) {
            super(message);
        }
    }

    public record Line(PayNowItem item, BigDecimal amount, BigDecimal fee) {
        public BigDecimal total() {
            return amount.add(fee);
        }
    }

    public List<PayNowSessions.Taken> taken(PayNowSession s) {
        return sessions.payments(s.bid(), s.id());
    }

    /** The invoices still to pay: selected by the payer (not removed) and not already paid here. */
    public List<PayNowItem> outstanding(PayNowSession s) {
        Set<String> paid = taken(s).stream().filter(t -> t.status() != null && t.status().isTaken())
                .map(t -> t.accountNumber() + "/" + t.invoiceNumber()).collect(Collectors.toSet());
        return s.selected().stream().filter(i -> !paid.contains(i.key())).toList();
    }

    public void remove(PayNowSession s, String key, boolean remove) {
        if (!s.request().pageResultOptions().allowRemove() || s.items().stream().noneMatch(i -> i.key().equals(key))) {
            throw new CheckoutException("That invoice cannot be removed.");
        }
        Set<String> removed = new java.util.HashSet<>(s.removed());
        if (remove) {
            if (outstanding(s).stream().filter(i -> !i.key().equals(key)).findAny().isEmpty()) {
                throw new CheckoutException("At least one invoice must stay in the payment.");
            }
            removed.add(key);
        } else {
            removed.remove(key);
        }
        sessions.setRemoved(s.id(), removed);
        sessions.setPending(s.id(), null);
    }

    /**
     * The amount to pay on each outstanding invoice: its balance, or what the payer typed where the invoice
     * allows partial payments (at least its minimum, at most its balance). On a prepaid account or a credit
     * the payer chooses any amount of at least a cent (a top-up or a payment ahead); the biller's maximum
     * single payment still holds when the payment is quoted.
     */
    public Map<String, BigDecimal> amounts(PayNowSession s, Map<String, BigDecimal> typed) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (PayNowItem i : outstanding(s)) {
            BigDecimal amount = i.balanceDue();
            BigDecimal given = typed.get(i.key());
            if (i.anyAmount()) {
                if (given == null && i.credit()) {
                    throw new CheckoutException("Enter the amount to pay ahead on invoice " + i.invoiceNumber() + ", for example "
                            + Money.US_DOLLARS.format(new BigDecimal("25.00")) + ".");
                }
                amount = given != null ? given : amount;
                if (amount.stripTrailingZeros().scale() > 2 || amount.signum() <= 0) {
                    throw new CheckoutException("For invoice " + i.invoiceNumber() + " enter an amount of at least "
                            + Money.US_DOLLARS.format(new BigDecimal("0.01")) + ".");
                }
            } else if (i.allowPartialPayments() && given != null) {
                amount = given;
                BigDecimal min = i.minimumAmountDue() != null && i.minimumAmountDue().signum() > 0 ? i.minimumAmountDue()
                        : new BigDecimal("0.01");
                if (amount.stripTrailingZeros().scale() > 2 || amount.compareTo(min) < 0 || amount.compareTo(i.balanceDue()) > 0) {
                    throw new CheckoutException("For invoice " + i.invoiceNumber() + " enter an amount from "
                            + Money.US_DOLLARS.format(min) + " to " + Money.US_DOLLARS.format(i.balanceDue()) + ".");
                }
            }
            out.put(i.key(), amount.setScale(2));
        }
        if (out.isEmpty()) {
            throw new CheckoutException("There is nothing left to pay.");
        }
        return out;
    }

    /** Quotes each invoice under the biller's rules and holds the payment for the payer's review. */
    public List<Line> review(PayNowSession s, Map<String, BigDecimal> amounts, PaymentGateway.Tokenized method, String payerEmail) {
        Method m = method.method();
        if (m == Method.CARD && !s.request().allowCcPayment() || m == Method.ACH && !s.request().allowAchPayment()) {
            throw new CheckoutException(m == Method.CARD ? "Card payments are not accepted here." : "Bank account payments are not accepted here.");
        }
        List<Line> lines = new ArrayList<>();
        for (PayNowItem i : outstanding(s)) {
            BigDecimal amount = amounts.get(i.key());
            try {
                PaymentRules.Decision d = payments.quote(s.bid(), i.accountNumber(), i.invoiceNumber(), amount, m, stated(i));
                lines.add(new Line(i, amount, d.fee()));
            } catch (PaymentRuleViolation v) {
                throw new CheckoutException(v.is(PaymentRules.ACCOUNT_NOT_FOUND) ? "Invoice " + i.invoiceNumber() + " cannot be paid here."
                        : "Invoice " + i.invoiceNumber() + ": " + v.getMessage());
            }
        }
        Map<String, BigDecimal> fees = new LinkedHashMap<>();
        lines.forEach(l -> fees.put(l.item().key(), l.fee()));
        sessions.setPending(s.id(), new PayNowSession.Pending(method.token(), m.name(), method.brand(), method.last4(),
                payerEmail, UUID.randomUUID(), amounts, fees));
        return lines;
    }

    /** The outcome of "Pay": each invoice's outcome from {@link PaymentService}. */
    public record Paid(List<PaymentOutcome> outcomes) {
        public Paid {
            outcomes = List.copyOf(outcomes);
        }

        /** Some invoice's payment is still being processed under its key (an earlier click's). */
        public boolean anyInProgress() {
            return outcomes.stream().anyMatch(PaymentOutcome::inProgress);
        }

        public boolean anyTaken() {
            return outcomes.stream().anyMatch(o -> o instanceof PaymentOutcome.Taken);
        }

        /** The first refusal that is not just a payment still in progress. */
        public Optional<PaymentOutcome.Refused> refusal() {
            return outcomes.stream().filter(o -> !o.inProgress()).filter(o -> o instanceof PaymentOutcome.Refused)
                    .map(PaymentOutcome.Refused.class::cast).findFirst();
        }
    }

    /**
     * Pays the held payment. Safe to call twice for one review (double click, reload): the keys are the
     * same, so {@link PaymentService#submit} answers the second call with the first one's result.
     */
    public Paid confirm(PayNowSession s, String remoteIp) {
        PayNowSession.Pending p = s.pending();
        if (p == null) {
            return new Paid(List.of());
        }
        Method m = Method.valueOf(p.method());
        for (PayNowItem i : s.selected()) {
            BigDecimal amount = p.amounts().get(i.key());
            BigDecimal reviewed = p.fees() == null ? null : p.fees().get(i.key());
            if (amount == null || reviewed == null) {
                continue;
            }
            // All fees are checked before any invoice is charged, so a changed fee never leaves half a cart paid.
            BigDecimal now;
            try {
                now = payments.quote(s.bid(), i.accountNumber(), i.invoiceNumber(), amount, m, stated(i)).fee();
            } catch (PaymentRuleViolation e) {
                continue; // the payment itself refuses it, with its reason
            }
            if (ReviewedFee.changed(reviewed, now)) {
                sessions.setPending(s.id(), null);
                throw new CheckoutException(ReviewedFee.changedWords(" for invoice " + i.invoiceNumber(), reviewed, now)
                        + " Review the payment again.");
            }
        }
        List<PaymentOutcome> outcomes = new ArrayList<>();
        for (PayNowItem i : s.selected()) {
            BigDecimal amount = p.amounts().get(i.key());
            if (amount == null) {
                continue;
            }
            String key = "cpv2:" + s.guid() + ":" + p.attempt() + ":" + i.key();
            // Recorded before the payment exists, so that the postback, told inside the payment's own
            // transaction, finds the session this payment belongs to.
            sessions.recordPayment(s.bid(), key, s.id(), i.accountNumber(), i.invoiceNumber(), remoteIp);
            outcomes.add(payments.submit(s.bid(), key, new PaymentRequest(Channel.CPV2, i.accountNumber(), i.invoiceNumber(), amount,
                    null, null, p.token(), null, p.payerEmail() == null || p.payerEmail().isBlank() ? null : p.payerEmail(),
                    stated(i), p.fees() == null ? null : p.fees().get(i.key()))));
        }
        Paid paid = new Paid(outcomes);
        if (!paid.anyInProgress()) {
            sessions.setPending(s.id(), null);
        }
        return paid;
    }

    private static StatedInvoice stated(PayNowItem i) {
        return new StatedInvoice(i.balanceDue(), i.ccServiceFee(), i.achServiceFee(), i.allowPartialPayments());
    }
}
