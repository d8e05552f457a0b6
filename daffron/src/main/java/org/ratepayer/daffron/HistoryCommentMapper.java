package org.ratepayer.daffron;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

import org.ratepayer.cis.CisPosting;
import org.ratepayer.multispeak.v3.HistoryComment;

/**
 * docs/postings.md, docs/daffron.md "Data Pump: AutoPay Enrollment" and "Scheduled Payments" (INT-11451): autopay and
 * scheduled-payment changes as {@code historyComment}s of WriteAccountHistoryComments.
 *
 * <p>A comment over {@value #MAX_COMMENT} characters is never cut (Daffron parses it, a cut one would be
 * wrong data): the posting fails with the length, for staff to see. A scheduled payment without an
 * invoice number fails the same way, since Daffron's parser expects all three fields.
 */
public final class HistoryCommentMapper {

    static final int MAX_COMMENT = 70;
    static final String AUTOPAY_ON = "AUTOPAY ON";
    static final String AUTOPAY_OFF = "AUTOPAY OFF";
    private static final DateTimeFormatter SCHEDULED_DATE = DateTimeFormatter.ofPattern("MMdduuuu", Locale.ROOT);

    private final ZoneId billerZone;

    /** @param billerZone the zone whose offset every logTime carries (the biller's, docs/daffron.md) */
    HistoryCommentMapper(ZoneId billerZone) {
        this.billerZone = Objects.requireNonNull(billerZone, "billerZone");
    }

    /** With the account as in the invoice file. */
    Mapped<HistoryComment> map(CisPosting.Autopay autopay) {
        return map(autopay, autopay.accountNumber());
    }

    /** @param account the account as the CIS knows it ({@link CisAccountNumber}) */
    Mapped<HistoryComment> map(CisPosting.Autopay autopay, String account) {
        return comment(account, autopay.serviceLocationId(), autopay.at(),
                autopay.enrolled() ? AUTOPAY_ON : AUTOPAY_OFF);
    }

    /** With the account as in the invoice file. */
    Mapped<HistoryComment> map(CisPosting.ScheduledPayment scheduled) {
        return map(scheduled, scheduled.accountNumber());
    }

    /** @param account the account as the CIS knows it ({@link CisAccountNumber}) */
    Mapped<HistoryComment> map(CisPosting.ScheduledPayment scheduled, String account) {
        if (scheduled.invoiceNumber().isBlank()) {
            return Mapped.failed("scheduled payment comment needs an invoice number; the posting has none");
        }
        String amount;
        try {
            amount = AmountFormat.twoDecimals(scheduled.amount()).toPlainString();
        } catch (IllegalArgumentException e) {
            return Mapped.failed(e.getMessage());
        }
        String text = verb(scheduled.change()) + " " + SCHEDULED_DATE.format(scheduled.date()) + " " + amount + " "
                + scheduled.invoiceNumber().strip();
        return comment(account, scheduled.serviceLocationId(), scheduled.at(), text);
    }

    static String verb(CisPosting.ScheduledPayment.Change change) {
        return switch (change) {
            case CREATED -> "SCHED_PAY";
            case UPDATED -> "SCHED_PAY_UPDT";
            case CANCELLED -> "SCHED_PAY_CNCL";
        };
    }

    private Mapped<HistoryComment> comment(String account, String serviceLocationId, OffsetDateTime at,
                                                  String text) {
        if (text.length() > MAX_COMMENT) {
            return Mapped.failed("history comment is " + text.length() + " characters, Daffron takes at most "
                    + MAX_COMMENT + ": '" + text + "'");
        }
        HistoryComment comment = new HistoryComment();
        comment.setCustomerID(account);
        // INT-8007: the location must always be sent, even empty
        comment.setServiceLocationID(serviceLocationId);
        comment.setLogTime(LogTimes.text(at, billerZone));
        comment.setComment(text);
        return Mapped.send(comment);
    }
}
