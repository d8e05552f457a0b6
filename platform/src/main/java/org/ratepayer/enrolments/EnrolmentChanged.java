package org.ratepayer.enrolments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An enrolment changed, told to whoever keeps others in step (the CIS postings). Published inside the change's
 * transaction and heard in it, so what a listener writes commits or rolls back with the change (docs/architecture.md).
 */
public sealed interface EnrolmentChanged {

    long bid();

    String accountNumber();

    /**
     * Paperless billing turned on or off. {@code origin} says where the change was made: one the CIS made itself
     * (its staff signed the customer up there) is recorded here but never posted back to it (docs/payers-remote-registration.md).
     */
    record Paperless(long bid, String accountNumber, boolean enrolled, Origin origin) implements EnrolmentChanged {

        public Paperless(long bid, String accountNumber, boolean enrolled) {
            this(bid, accountNumber, enrolled, Origin.RATEPAYER);
        }
    }

    /** Where an enrolment change was made. */
    enum Origin {
        /** Here: the API, the portal, biller staff; the CIS must hear of it. */
        RATEPAYER,
        /** In the CIS, which told us through its web-service key; it knows already. */
        CIS
    }

    /** Autopay turned on or off, at this moment on the biller's clock. */
    record Autopay(long bid, String accountNumber, String serviceLocationId, boolean enrolled, OffsetDateTime at)
            implements EnrolmentChanged {
    }

    /** A scheduled payment made, changed or cancelled, for billers that tell their CIS (option 1001). */
    record Scheduled(long bid, String accountNumber, String serviceLocationId, Change change, LocalDate date, BigDecimal amount,
            String invoiceNumber, OffsetDateTime at) implements EnrolmentChanged {
    }

    enum Change {
        CREATED, UPDATED, CANCELLED
    }
}
