package org.ratepayer.autopay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What an autopay run or a scheduled payment did for one bill, published as an application event once per outcome
 * so that a listener (the autopay emails, docs/autopay.md) can tell the payer and the biller (docs/autopay.md).
 */
public sealed interface AutopayEvent permits AutopayEvent.Charged, AutopayEvent.Declined, AutopayEvent.NotCharged {

    long bid();

    String accountNumber();

    String invoiceNumber();

    /** AUTOPAY or SCHEDULED. */
    String kind();

    /** The scheduled payment's id for kind SCHEDULED (the id its API and pages show); null for AUTOPAY. */
    UUID scheduledPayment();

    /** An approved charge. */
    record Charged(long bid, String accountNumber, String invoiceNumber, String kind, UUID scheduledPayment, LocalDate runDate,
            BigDecimal amount, UUID paymentGuid) implements AutopayEvent {
    }

    /** Declined (or a processor error); {@code nextAttemptOn} is null when no attempt is left. */
    record Declined(long bid, String accountNumber, String invoiceNumber, String kind, UUID scheduledPayment, LocalDate runDate,
            BigDecimal amount, UUID paymentGuid, String message, LocalDate nextAttemptOn) implements AutopayEvent {
    }

    /** Not charged, for {@code reason} (docs/autopay.md lists the codes). */
    record NotCharged(long bid, String accountNumber, String invoiceNumber, String kind, UUID scheduledPayment, LocalDate runDate,
            String reason) implements AutopayEvent {
    }
}
