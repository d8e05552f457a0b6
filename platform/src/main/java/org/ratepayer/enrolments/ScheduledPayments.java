package org.ratepayer.enrolments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.enrolments.internal.EnrolmentClock;
import org.ratepayer.enrolments.internal.SavedMethod;
import org.ratepayer.enrolments.internal.ScheduledPayment;
import org.ratepayer.enrolments.internal.ScheduledPaymentService;
import org.ratepayer.payments.Method;
import org.springframework.stereotype.Service;

/**
 * Scheduled payments for other modules (the customer portal in payers): list, create with a method the payer saved,
 * change the date or amount, cancel. The service's checks apply (no past date in the biller's zone, the payment
 * ceiling, an invoice of the account) and each change is posted as a SCHED_PAY comment when option 1001 is on
 * (docs/postings.md). What it answers never carries the processor's token.
 */
@Service
public class ScheduledPayments {

    private final ScheduledPaymentService scheduled;
    private final EnrolmentClock clock;

    public ScheduledPayments(ScheduledPaymentService scheduled, EnrolmentClock clock) {
        this.scheduled = scheduled;
        this.clock = clock;
    }

    /**
     * A scheduled payment as a page shows it; {@code status} is SCHEDULED, CANCELLED, PAID or FAILED (its run settled
     * it on {@code settledOn}).
     */
    public record Scheduled(UUID id, String invoiceNumber, LocalDate date, BigDecimal amount, AutopayEnrolments.ShownMethod method,
            String status, LocalDate settledOn) {

        public boolean active() {
            return "SCHEDULED".equals(status);
        }

        public boolean paid() {
            return "PAID".equals(status);
        }

        public boolean failed() {
            return "FAILED".equals(status);
        }

        static Scheduled of(ScheduledPayment p) {
            SavedMethod m = p.method();
            return new Scheduled(p.id(), p.invoiceNumber(), p.date(), p.amount(),
                    new AutopayEnrolments.ShownMethod(m.method(), m.brand(), m.last4()), p.status(), p.settledOn());
        }
    }

    /**
     * For the autopay run only: records, in the caller's transaction (the one recording its attempt's outcome), that a
     * scheduled payment was paid or not on {@code on} (docs/autopay.md, "Scheduled payments").
     *
     * @param paymentGuid the payment made, or null when none was
     * @param failureReason why it was not paid; ignored when {@code paid}
     * @return whether it moved now (an already settled one does not)
     */
    public boolean settle(long bid, long scheduledPaymentId, boolean paid, LocalDate on, UUID paymentGuid, String failureReason) {
        return scheduled.settle(bid, scheduledPaymentId, paid, on, paymentGuid, failureReason);
    }

    public List<Scheduled> list(long bid, String account) {
        return scheduled.list(bid, account).stream().map(Scheduled::of).toList();
    }

    /** One of the account's scheduled payments, whatever its status. */
    public Optional<Scheduled> find(long bid, String account, UUID id) {
        return scheduled.find(bid, account, id).map(Scheduled::of);
    }

    /**
     * The username of the portal payer who made (or last changed) the scheduled payment with a method from their wallet;
     * empty when it was made through the API. The emails of its run go to this payer too (docs/autopay.md).
     */
    public Optional<String> scheduledBy(long bid, String account, UUID id) {
        return scheduled.changedBy(bid, account, id);
    }

    /** The biller's calendar date: the earliest a payment may be scheduled for. */
    public LocalDate today(long bid) {
        return clock.today(bid);
    }

    /**
     * @param token the processor's token of the payer's saved method (never shown)
     * @throws org.ratepayer.shared.web.Refusal naming the field refused (date, amount, invoiceNumber)
     */
    public Scheduled create(long bid, String account, String invoiceNumber, LocalDate date, BigDecimal amount, Method type, String token,
            String brand, String last4, String actor) {
        SavedMethod method = type == null ? null : new SavedMethod(type, token, brand, last4);
        return Scheduled.of(scheduled.create(bid, account, new ScheduledPaymentService.Request(date, amount, invoiceNumber, method), actor));
    }

    /**
     * Changes the date or the amount (null keeps it).
     *
     * @throws org.ratepayer.shared.web.Refusal not found for another account's payment, conflict for a cancelled one
     */
    public Scheduled update(long bid, String account, UUID id, LocalDate date, BigDecimal amount, String actor) {
        return Scheduled.of(scheduled.update(bid, account, id, new ScheduledPaymentService.Request(date, amount, null, null), actor));
    }

    public Scheduled cancel(long bid, String account, UUID id, String actor) {
        return Scheduled.of(scheduled.cancel(bid, account, id, actor));
    }
}
