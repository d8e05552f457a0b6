package org.ratepayer.enrolments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.ratepayer.enrolments.internal.AccountRecords;
import org.ratepayer.enrolments.internal.AutopayService;
import org.ratepayer.enrolments.internal.SavedMethod;
import org.ratepayer.payments.Method;
import org.springframework.stereotype.Service;

/**
 * Autopay for other modules (the customer portal in payers): what an account's autopay is, enrolling with a method
 * the payer saved, and ending it. Enrolling and ending post AUTOPAY ON/OFF to the CIS as the API's do
 * (docs/payers-self-service.md, "Autopay terms"). What it answers never carries the processor's token.
 */
@Service
public class AutopayEnrolments {

    private final AutopayService autopay;
    private final AccountRecords accounts;

    public AutopayEnrolments(AutopayService autopay, AccountRecords accounts) {
        this.autopay = autopay;
        this.accounts = accounts;
    }

    /** What may be shown of a method: its kind, a card's brand, the last four digits. */
    public record ShownMethod(Method type, String brand, String last4) {

        static ShownMethod of(SavedMethod m) {
            return new ShownMethod(m.method(), m.brand(), m.last4());
        }
    }

    /**
     * An account's autopay as a page shows it; {@code method}, {@code maximumAmount} (null: no limit) and
     * {@code authorization} (a bank account's) are null when autopay is off.
     */
    public record Autopay(boolean enrolled, ShownMethod method, BigDecimal maximumAmount, AchAuthorization authorization) {
    }

    public Autopay autopay(long bid, String account) {
        return autopay.enrolment(bid, account)
                .map(e -> new Autopay(true, ShownMethod.of(e.method()), e.maximumAmount(), autopay.authorization(bid, account).orElse(null)))
                .orElseGet(() -> new Autopay(false, null, null, null));
    }

    /**
     * Enrols the account, or changes its method and maximum, with a method the payer saved.
     *
     * @param token         the processor's token of the saved method (read from the payer's wallet, never shown)
     * @param maximumAmount the most one bill may be charged, or null for no limit
     * @param authorization required for a bank account: the words the payer agreed to, when, from where, by whom
     * @return whether autopay was off before (and so AUTOPAY ON was posted)
     * @throws org.ratepayer.shared.web.Refusal invalid {@code maximumAmount} or a missing {@code achAuthorization}
     */
    public boolean enrol(long bid, String account, ShownMethod method, String token, BigDecimal maximumAmount,
            AchAuthorization authorization, String actor) {
        SavedMethod saved = new SavedMethod(method.type(), token, method.brand(), method.last4());
        return autopay.enrol(bid, account, saved, maximumAmount, authorization, actor).changed();
    }

    /** @return whether autopay was on (and so AUTOPAY OFF was posted) */
    public boolean cancel(long bid, String account, String actor) {
        return autopay.cancel(bid, account, actor).changed();
    }

    /**
     * The username of the portal payer who enrolled the account (or last changed its autopay) with a method from their
     * wallet; empty when autopay is off or was set through the API. The autopay emails go to this payer too
     * (docs/autopay.md).
     */
    public Optional<String> enrolledBy(long bid, String account) {
        return autopay.enrolledBy(bid, account);
    }

    /**
     * Who set the account's autopay as it stands, as recorded: a portal payer's username, {@code staff:} and a staff
     * user's, or the API caller; empty when autopay is off. For the biller portal's account page, which shows staff
     * enrolments as such; {@link #enrolledBy} is the payer to write to.
     */
    public Optional<String> setBy(long bid, String account) {
        return autopay.setBy(bid, account);
    }

    /** The day autopay collects the invoice: its AutoPayCollectionDate when the bill file gave one, else its due date. */
    public Optional<LocalDate> collectionDate(long bid, String account, String invoiceNumber) {
        return accounts.collectionDate(bid, account, invoiceNumber);
    }
}
