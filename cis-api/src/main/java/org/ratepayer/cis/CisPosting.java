package org.ratepayer.cis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * Something the platform tells the CIS happened (SPEC C4), in the platform's words: which message a
 * CIS wants for it, and in what shape, is the connector's business. Every posting has a stable id, the
 * same on every delivery attempt, so a connector (or the CIS) can recognise a repeat.
 */
public sealed interface CisPosting permits CisPosting.Payment, CisPosting.Paperless, CisPosting.Autopay,
        CisPosting.ScheduledPayment {

    /** The outbox's id for this posting; identical on every attempt. */
    UUID postingId();

    /** The CIS account the posting is about ("base-sub" for Daffron). */
    String accountNumber();

    enum Tender { CARD, ACH, CASH }

    /**
     * An approved payment. {@code amount} excludes every fee; {@code paymentSourceId} is the channel's
     * (SPEC "Words": WEB 0 … POS 8); {@code kioskId} is set for kiosk payments only; {@code donation}
     * when the paid invoice is of a donation invoice type.
     */
    record Payment(UUID postingId, String accountNumber, UUID paymentGuid, Tender tender, BigDecimal amount,
            String approvalCode, int paymentSourceId, String kioskId, boolean donation) implements CisPosting {
        public Payment {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(paymentGuid, "paymentGuid");
            Objects.requireNonNull(tender, "tender");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Paperless billing switched on ({@code enrolled}) or off. Only ever created for a real change. */
    record Paperless(UUID postingId, String accountNumber, boolean enrolled) implements CisPosting {
        public Paperless {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
        }
    }

    /**
     * Autopay enrolled or cancelled at {@code at}. {@code serviceLocationId} is the account's Custom4
     * (empty when the biller's files carry none).
     */
    record Autopay(UUID postingId, String accountNumber, String serviceLocationId, boolean enrolled, OffsetDateTime at)
            implements CisPosting {
        public Autopay {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(at, "at");
            serviceLocationId = serviceLocationId == null ? "" : serviceLocationId;
        }
    }

    /** A scheduled payment created, updated or cancelled at {@code at}; its (new) date, amount and invoice. */
    record ScheduledPayment(UUID postingId, String accountNumber, String serviceLocationId, Change change, LocalDate date,
            BigDecimal amount, String invoiceNumber, OffsetDateTime at) implements CisPosting {
        public enum Change { CREATED, UPDATED, CANCELLED }

        public ScheduledPayment {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(at, "at");
            serviceLocationId = serviceLocationId == null ? "" : serviceLocationId;
            invoiceNumber = invoiceNumber == null ? "" : invoiceNumber;
        }
    }
}
