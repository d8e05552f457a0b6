package org.ratepayer.enrolments.internal;

import org.ratepayer.enrolments.EnrolmentChanged;
import org.ratepayer.shared.web.Refusal;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.springframework.context.ApplicationEventPublisher;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentRuleViolation;
import org.ratepayer.payments.PaymentRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled payments: created, changed and cancelled by the payer; each change is posted to the CIS as
 * a SCHED_PAY comment when the biller has option 1001 on (docs/postings.md, INT-11451).
 */
@Service
public class ScheduledPaymentService {

    private final AccountRecords accounts;
    private final ApplicationEventPublisher events;
    private final BillerService billers;
    private final EnrolmentClock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ScheduledPaymentService(AccountRecords accounts, ApplicationEventPublisher events, BillerService billers, EnrolmentClock clock,
            JdbcClient jdbc, PlatformTransactionManager txManager) {
        this.accounts = accounts;
        this.events = events;
        this.billers = billers;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
    }

    /** What a payer asks for; on update, null fields keep their value. */
    public record Request(LocalDate date, BigDecimal amount, String invoiceNumber, SavedMethod method) {
    }

    public ScheduledPayment create(long bid, String account, Request r, String actor) {
        if (r.date() == null) {
            throw new EnrolmentException(Refusal.Kind.INVALID, "invalid_field", "date", "required, as yyyy-MM-dd");
        }
        if (r.amount() == null) {
            throw new EnrolmentException(Refusal.Kind.INVALID, "invalid_field", "amount", "required");
        }
        if (r.invoiceNumber() == null || r.invoiceNumber().isBlank()) {
            throw new EnrolmentException(Refusal.Kind.INVALID, "invalid_field", "invoiceNumber", "required");
        }
        if (r.method() == null) {
            throw new EnrolmentException(Refusal.Kind.INVALID, "invalid_field", "card", "send exactly one of card, bank or methodToken");
        }
        check(bid, r);
        return tx.execute(s -> {
            accounts.lock(bid, account);
            checkInvoice(bid, account, r.invoiceNumber());
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                    insert into scheduled_payment (scheduled_payment_guid, biller_id, account_number, invoice_number, pay_on,
                        amount, method, method_token, card_brand, last4, changed_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(id, bid, account, r.invoiceNumber().trim(), r.date(), r.amount(), r.method().method().name(),
                    r.method().token(), r.method().brand(), r.method().last4(), actor).update();
            ScheduledPayment created = find(bid, account, id).orElseThrow();
            post(bid, created, EnrolmentChanged.Change.CREATED);
            return created;
        });
    }

    public ScheduledPayment update(long bid, String account, UUID id, Request r, String actor) {
        check(bid, r);
        return tx.execute(s -> {
            accounts.lock(bid, account);
            ScheduledPayment before = scheduled(bid, account, id);
            String invoice = r.invoiceNumber() != null && !r.invoiceNumber().isBlank() ? r.invoiceNumber().trim() : before.invoiceNumber();
            if (!invoice.equals(before.invoiceNumber())) {
                checkInvoice(bid, account, invoice);
            }
            SavedMethod m = r.method() != null ? r.method() : before.method();
            jdbc.sql("""
                    update scheduled_payment set invoice_number = ?, pay_on = ?, amount = ?, method = ?, method_token = ?,
                        card_brand = ?, last4 = ?, changed_by = ?, updated_at = now()
                    where scheduled_payment_guid = ?
                    """).params(invoice, r.date() != null ? r.date() : before.date(), r.amount() != null ? r.amount() : before.amount(),
                    m.method().name(), m.token(), m.brand(), m.last4(), actor, id).update();
            ScheduledPayment after = find(bid, account, id).orElseThrow();
            if (!after.date().equals(before.date()) || after.amount().compareTo(before.amount()) != 0
                    || !after.invoiceNumber().equals(before.invoiceNumber())) {
                post(bid, after, EnrolmentChanged.Change.UPDATED);
            }
            return after;
        });
    }

    public ScheduledPayment cancel(long bid, String account, UUID id, String actor) {
        return tx.execute(s -> {
            accounts.lock(bid, account);
            scheduled(bid, account, id);
            jdbc.sql("update scheduled_payment set status = 'CANCELLED', changed_by = ?, updated_at = now() where scheduled_payment_guid = ?")
                    .params(actor, id).update();
            ScheduledPayment cancelled = find(bid, account, id).orElseThrow();
            post(bid, cancelled, EnrolmentChanged.Change.CANCELLED);
            return cancelled;
        });
    }

    public List<ScheduledPayment> list(long bid, String account) {
        return jdbc.sql("select * from scheduled_payment where biller_id = ? and account_number = ? order by pay_on, scheduled_payment_id")
                .params(bid, account).query((rs, n) -> row(rs)).list();
    }

    public Optional<ScheduledPayment> find(long bid, String account, UUID id) {
        return jdbc.sql("select * from scheduled_payment where biller_id = ? and account_number = ? and scheduled_payment_guid = ?")
                .params(bid, account, id).query((rs, n) -> row(rs)).optional();
    }

    /**
     * The username of the payer who scheduled it: the portal user whose wallet method it charges and who is recorded as
     * having made or last changed it; empty when it was scheduled through the API (as {@link AutopayService#enrolledBy}).
     */
    public Optional<String> changedBy(long bid, String account, UUID id) {
        return jdbc.sql("""
                select u.username from scheduled_payment s
                join payer_method pm on pm.biller_id = s.biller_id and pm.token = s.method_token
                join payer_user u on u.user_id = pm.user_id and u.username = s.changed_by
                where s.biller_id = ? and s.account_number = ? and s.scheduled_payment_guid = ?
                order by pm.method_id desc limit 1
                """).params(bid, account, id).query(String.class).optional();
    }

    private ScheduledPayment scheduled(long bid, String account, UUID id) {
        ScheduledPayment p = find(bid, account, id).orElseThrow(() -> new EnrolmentException(Refusal.Kind.NOT_FOUND, "not_found", null,
                "account " + account + " of biller " + bid + " has no scheduled payment " + id));
        // Once its run settled it, the money was taken (or the payer told it was not): changing it now would change
        // nothing that happens, so it is refused rather than silently ignored (docs/autopay.md, "Scheduled payments").
        switch (p.status()) {
            case "SCHEDULED" -> {
                return p;
            }
            case "PAID" -> throw new EnrolmentException(Refusal.Kind.CONFLICT, "scheduled_payment_paid", "status",
                    "scheduled payment " + id + " was paid on " + p.settledOn() + "; it can no longer be changed or cancelled");
            case "FAILED" -> throw new EnrolmentException(Refusal.Kind.CONFLICT, "scheduled_payment_failed", "status",
                    "scheduled payment " + id + " was run on " + p.settledOn() + " and not paid (" + p.failureReason()
                    + "); schedule a new payment instead");
            default -> throw new EnrolmentException(Refusal.Kind.CONFLICT, "scheduled_payment_cancelled", null,
                    "scheduled payment " + id + " is cancelled");
        }
    }

    /**
     * Records what a scheduled payment's run came to, called by autopay in the transaction that records its attempt's
     * outcome (docs/autopay.md). A payment cancelled while its charge was at the processor still becomes PAID: the
     * status says what happened to the money. {@code changed_by} keeps the payer who made it: the run's emails go to them.
     *
     * @param paid          approved; otherwise not paid, for {@code failureReason}
     * @return whether the scheduled payment moved (false once settled)
     */
    public boolean settle(long bid, long scheduledPaymentId, boolean paid, LocalDate on, UUID paymentGuid, String failureReason) {
        return jdbc.sql("""
                update scheduled_payment set status = ?, settled_on = ?, payment_guid = ?, failure_reason = ?, updated_at = now()
                where biller_id = ? and scheduled_payment_id = ? and status in ('SCHEDULED', 'CANCELLED')
                """).params(paid ? "PAID" : "FAILED", on, paymentGuid, paid ? null : failureReason, bid, scheduledPaymentId).update() == 1;
    }

    private void check(long bid, Request r) {
        if (r.date() != null && r.date().isBefore(clock.today(bid))) {
            throw new EnrolmentException(Refusal.Kind.NOT_ALLOWED, "date_in_past", "date", "the date " + r.date() + " has passed; choose today or later");
        }
        if (r.amount() != null) {
            // The same ceiling as any other payment: a scheduled one is charged later, but charged all the same.
            try {
                PaymentRules.checkAmount(r.amount(), billers.cachedConfig(bid).maximumPayment());
            } catch (PaymentRuleViolation v) {
                throw new EnrolmentException(Refusal.Kind.NOT_ALLOWED, v.code(), v.field(), v.getMessage());
            }
        }
    }

    private void checkInvoice(long bid, String account, String invoice) {
        if (!accounts.hasInvoice(bid, account, invoice)) {
            throw new EnrolmentException(Refusal.Kind.NOT_ALLOWED, "invoice_not_found", "invoiceNumber",
                    "account " + account + " has no invoice " + invoice);
        }
    }

    private void post(long bid, ScheduledPayment p, EnrolmentChanged.Change change) {
        boolean on = billers.config(bid).option(ConfigCatalogue.OPT_POST_SCHEDULED_PAYMENTS).map(Boolean::parseBoolean)
                .orElse(false);
        if (on) {
            String location = accounts.serviceLocation(bid, p.accountNumber());
            events.publishEvent(new EnrolmentChanged.Scheduled(bid, p.accountNumber(), location, change, p.date(), p.amount(),
                    p.invoiceNumber(), clock.now(bid)));
        }
    }

    private static ScheduledPayment row(ResultSet rs) throws SQLException {
        return new ScheduledPayment(rs.getObject("scheduled_payment_guid", UUID.class), rs.getString("account_number"),
                rs.getString("invoice_number"), rs.getObject("pay_on", LocalDate.class), rs.getBigDecimal("amount"),
                new SavedMethod(Method.valueOf(rs.getString("method")), rs.getString("method_token"), rs.getString("card_brand"),
                        rs.getString("last4")), rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("settled_on", LocalDate.class),
                rs.getObject("payment_guid", UUID.class), rs.getString("failure_reason"));
    }
}
