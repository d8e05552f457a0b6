package org.ratepayer.enrolments;

import org.ratepayer.enrolments.internal.PaperlessService;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.stereotype.Service;

/**
 * Paperless enrolment for other modules (the CIS's remote registration API and the customer portal in payers). Where a change was made
 * follows from the key that asked for it, never from the request: the biller's web-service key is the CIS's own,
 * so what it sets was made in the CIS and is not posted back (docs/payers-remote-registration.md).
 */
@Service
public class PaperlessEnrolments {

    private final PaperlessService paperless;

    public PaperlessEnrolments(PaperlessService paperless) {
        this.paperless = paperless;
    }

    /** @param changed false when the account already was in that state (nothing stored, nothing posted) */
    public record Result(String accountNumber, boolean enrolled, boolean changed) {
    }

    public static EnrolmentChanged.Origin origin(Caller caller) {
        return !caller.operator() && caller.keyKind() == KeyKind.WEB_SERVICE ? EnrolmentChanged.Origin.CIS
                : EnrolmentChanged.Origin.RATEPAYER;
    }

    /**
     * Sets an account's paperless enrolment as the caller asks.
     *
     * @throws org.ratepayer.shared.web.Refusal {@code account_not_found} when the biller has no such account
     */
    public Result set(long bid, String account, boolean enrolled, Caller caller) {
        PaperlessService.Result r = paperless.set(bid, account, enrolled, caller.actor(), origin(caller));
        return new Result(r.accountNumber(), r.enrolled(), r.changed());
    }

    /**
     * Sets an account's paperless enrolment for a payer in the customer portal: a change made here, so the CIS is told
     * (EBILL Y/N) when it is one.
     *
     * @param actor the payer's username, for the audit column
     */
    public Result setByPayer(long bid, String account, boolean enrolled, String actor) {
        PaperlessService.Result r = paperless.set(bid, account, enrolled, actor, EnrolmentChanged.Origin.RATEPAYER);
        return new Result(r.accountNumber(), r.enrolled(), r.changed());
    }

    public boolean enrolled(long bid, String account) {
        return paperless.enrolled(bid, account);
    }
}
