package org.ratepayer.servicedesk.desk;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.StaffBlocks;
import org.ratepayer.enrolments.AchAuthorization;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.servicedesk.account.StaffAccounts;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffForbidden;
import org.springframework.stereotype.Service;

/**
 * What a CSR does for a member from the account page (docs/staff-search.md, "CSR payments and enrolments"): a card or
 * bank payment on channel CSRWEB, a cart of several accounts paid at once (option 54), autopay and paperless on the
 * member's behalf. Each goes through the module that owns it (payments, enrolments), so the rules, the CIS postings
 * and the emails are the same as everywhere; here only who did it is added: the staff user on the payment, "staff:"
 * and the username as the enrolment's actor, and an audit entry. Read-only users are refused before anything.
 */
@Service
public class CsrDesk {

    /** One line of a cart: what one account gets; {@code invoiceNumber} null for the account's newest. */
    public record CartLine(String accountNumber, String invoiceNumber, BigDecimal amount) implements java.io.Serializable {
    }

    private final PaymentService payments;
    private final AutopayEnrolments autopay;
    private final PaperlessEnrolments paperless;
    private final BillerService billers;
    private final StaffBlocks blocks;
    private final StaffAudit audit;
    private final Clock clock;

    public CsrDesk(PaymentService payments, AutopayEnrolments autopay, PaperlessEnrolments paperless, BillerService billers,
            StaffBlocks blocks, StaffAudit audit, Clock clock) {
        this.clock = clock;
        this.blocks = blocks;
        this.payments = payments;
        this.autopay = autopay;
        this.paperless = paperless;
        this.billers = billers;
        this.audit = audit;
    }

    /** How enrolments made here name their actor, so the history tells them from the member's own. */
    public static String actor(SignedInStaff staff) {
        return "staff:" + staff.username();
    }

    /** A payment of one account taken on the phone; exactly one of {@code card} and {@code bank}. */
    public PaymentOutcome pay(SignedInStaff staff, String idempotencyKey, String account, String invoiceNumber, BigDecimal amount,
            CardDetails card, BankDetails bank) {
        staff.requireWrite();
        PaymentOutcome outcome = payments.submit(staff.bid(), idempotencyKey, new PaymentRequest(Channel.CSRWEB, account, invoiceNumber,
                amount, card, bank, null, null, null).takenBy(staff.username()));
        taken(staff, outcome, "payment.take", List.of(account));
        return outcome;
    }

    /** Whether the biller lets its staff pay several accounts' invoices at once (option 54). */
    public boolean cartAllowed(long bid) {
        return billers.cachedConfig(bid).enabled(ConfigCatalogue.OPT_BILLER_PORTAL_CART);
    }

    /**
     * The cart paid in one payment: one charge for the total, one allocation per account, and so one paymentTransaction
     * per account posted to the CIS (docs/payments.md, "Payments of several accounts").
     */
    public PaymentOutcome payCart(SignedInStaff staff, String idempotencyKey, List<CartLine> lines, CardDetails card, BankDetails bank) {
        staff.requireWrite();
        if (!cartAllowed(staff.bid())) {
            throw new StaffForbidden("This biller does not take payments of several accounts at once (option 54 is off).");
        }
        List<PaymentRequest.Allocation> allocations = lines.stream()
                .map(l -> new PaymentRequest.Allocation(l.accountNumber(), l.invoiceNumber(), l.amount())).toList();
        BigDecimal total = lines.stream().map(CartLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        PaymentOutcome outcome = payments.submit(staff.bid(), idempotencyKey,
                PaymentRequest.ofAccounts(Channel.CSRWEB, allocations, total, card, bank, null, null, null).takenBy(staff.username()));
        taken(staff, outcome, "payment.cart", lines.stream().map(CartLine::accountNumber).toList());
        return outcome;
    }

    private void taken(SignedInStaff staff, PaymentOutcome outcome, String action, List<String> accounts) {
        // the same form sent twice replays the first answer: it is logged once, by the payment it names
        if (outcome instanceof PaymentOutcome.Taken t) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("accounts", accounts);
            after.put("amount", t.amount());
            after.put("method", t.method().name());
            after.put("last4", t.last4());
            after.put("status", t.status().name());
            audit.recordOnce(staff, action, "payment " + t.paymentGuid(), null, after);
        }
    }

    /**
     * Enrols the account in autopay with a card or bank account the member gives on the phone; the method is tokenized
     * by the processor as the API's enrolment does. For a bank account the authorization is recorded as taken by this
     * staff user. Posts AUTOPAY ON to the CIS through the enrolments module.
     *
     * @return whether anything changed
     */
    public boolean enrolAutopay(SignedInStaff staff, String account, CardDetails card, BankDetails bank, BigDecimal maximumAmount) {
        staff.requireWrite();
        AutopayEnrolments.Autopay before = autopay.autopay(staff.bid(), account);
        // taken on the phone: a bank account is filed as a TEL debit, under the account's customer name
        PaymentGateway.Tokenized t = payments.tokenizeOne(staff.bid(), card, bank, null, Channel.CSRWEB, account);
        AchAuthorization authorization = bank == null ? null
                : new AchAuthorization("Authorization given by the member to the biller's staff by phone", clock.instant(), null, actor(staff));
        boolean changed = autopay.enrol(staff.bid(), account, new AutopayEnrolments.ShownMethod(t.method(), t.brand(), t.last4()),
                t.token(), maximumAmount, authorization, actor(staff));
        if (changed) {
            audit.record(staff, "autopay.enrol", "account " + account, shown(before), shown(autopay.autopay(staff.bid(), account)));
        }
        return changed;
    }

    /** @return whether autopay was on (and AUTOPAY OFF was posted) */
    public boolean cancelAutopay(SignedInStaff staff, String account) {
        staff.requireWrite();
        AutopayEnrolments.Autopay before = autopay.autopay(staff.bid(), account);
        boolean was = autopay.cancel(staff.bid(), account, actor(staff));
        if (was) {
            audit.record(staff, "autopay.cancel", "account " + account, shown(before), shown(autopay.autopay(staff.bid(), account)));
        }
        return was;
    }

    /** @return whether it changed */
    public boolean setPaperless(SignedInStaff staff, String account, boolean enrolled) {
        staff.requireWrite();
        PaperlessEnrolments.Result r = paperless.setByPayer(staff.bid(), account, enrolled, actor(staff));
        if (r.changed()) {
            audit.record(staff, "paperless.set", "account " + account, Map.of("enrolled", !enrolled), Map.of("enrolled", enrolled));
        }
        return r.changed();
    }

    /**
     * Sets the staff's own blocks on card and bank payments of the account (docs/staff-search.md, "Block flags"), which
     * hold whatever the CIS says; refused while setting 32 keeps the flags read-only.
     *
     * @return whether they changed
     */
    public boolean setBlocks(SignedInStaff staff, String account, boolean blockCc, boolean blockAch) {
        staff.requireWrite();
        if (StaffAccounts.blockFlagsReadOnly(billers.cachedConfig(staff.bid()))) {
            throw new StaffForbidden("Block flags are read-only for this biller (setting 32); the CIS owns them.");
        }
        StaffBlocks.Blocks after = new StaffBlocks.Blocks(blockCc, blockAch);
        StaffBlocks.Blocks before = blocks.set(staff.bid(), account, after).orElse(null);
        if (before == null || before.equals(after)) {
            return false;
        }
        audit.record(staff, "blocks.set", "account " + account, before, after);
        return true;
    }

    private static Map<String, Object> shown(AutopayEnrolments.Autopay a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enrolled", a.enrolled());
        if (a.method() != null) {
            m.put("method", a.method().type().name());
            m.put("last4", a.method().last4());
        }
        if (a.maximumAmount() != null) {
            m.put("maximumAmount", a.maximumAmount());
        }
        return m;
    }
}
