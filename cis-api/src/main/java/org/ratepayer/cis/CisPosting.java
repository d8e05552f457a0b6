package org.ratepayer.cis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * Something the platform tells the CIS happened (docs/postings.md), in the platform's words: which message a
 * CIS wants for it, and in what shape, is the connector's business. Every posting has a stable id, the
 * same on every delivery attempt, so a connector (or the CIS) can recognise a repeat.
 */
public sealed interface CisPosting permits CisPosting.Payment, CisPosting.Paperless, CisPosting.Autopay,
        CisPosting.ScheduledPayment {

    /** The outbox's id for this posting; identical on every attempt. */
    UUID postingId();

    /** The CIS account the posting is about, as the invoice file names it (e.g. "1001-1"). */
    String accountNumber();

    /**
     * The account's base and sub numbers, for a CIS that names accounts by them (docs/cis-account-number.md);
     * {@link AccountParts#UNKNOWN} until the platform has looked them up.
     */
    AccountParts parts();

    /** This posting with the account's base and sub numbers, which whoever created it need not know. */
    CisPosting withParts(AccountParts parts);

    enum Tender { CARD, ACH, CASH }

    /**
     * An approved payment, or the part of it that pays one account. {@code amount} excludes every fee;
     * {@code paymentSourceId} is the channel's (docs/payments.md: WEB 0 … POS 8); {@code kioskId} is set for
     * kiosk payments only; {@code donation} when the paid invoice is of a donation invoice type.
     * {@code allocation} is null for a payment of one account (what every payment was before allocations,
     * and still is on the wire); a payment of several accounts is posted once per account, each posting
     * naming its allocation (docs/postings.md, "Payments of several accounts").
     */
    record Payment(UUID postingId, String accountNumber, UUID paymentGuid, Tender tender, BigDecimal amount,
            String approvalCode, int paymentSourceId, String kioskId, boolean donation, AccountParts parts,
            Allocation allocation) implements CisPosting {

        /**
         * Which part of a payment of several accounts this posting is.
         *
         * @param guid     the allocation's own stable id, distinct from the payment's and from every other allocation's
         * @param position 1 for the first account of the payment, and so on
         * @param count    how many accounts the payment pays (at least 2)
         */
        public record Allocation(UUID guid, int position, int count) {
            public Allocation {
                Objects.requireNonNull(guid, "guid");
                if (position < 1 || count < 2 || position > count) {
                    throw new IllegalArgumentException("allocation " + position + " of " + count);
                }
            }
        }

        public Payment {
            parts = parts == null ? AccountParts.UNKNOWN : parts;
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(paymentGuid, "paymentGuid");
            Objects.requireNonNull(tender, "tender");
            Objects.requireNonNull(amount, "amount");
        }

        public Payment(UUID postingId, String accountNumber, UUID paymentGuid, Tender tender, BigDecimal amount,
                String approvalCode, int paymentSourceId, String kioskId, boolean donation) {
            this(postingId, accountNumber, paymentGuid, tender, amount, approvalCode, paymentSourceId, kioskId, donation,
                    AccountParts.UNKNOWN, null);
        }

        public Payment(UUID postingId, String accountNumber, UUID paymentGuid, Tender tender, BigDecimal amount,
                String approvalCode, int paymentSourceId, String kioskId, boolean donation, AccountParts parts) {
            this(postingId, accountNumber, paymentGuid, tender, amount, approvalCode, paymentSourceId, kioskId, donation,
                    parts, null);
        }

        @Override
        public Payment withParts(AccountParts parts) {
            return new Payment(postingId, accountNumber, paymentGuid, tender, amount, approvalCode, paymentSourceId, kioskId,
                    donation, parts, allocation);
        }

        /** The same payment as one allocation of a payment of several accounts. */
        public Payment withAllocation(Allocation allocation) {
            return new Payment(postingId, accountNumber, paymentGuid, tender, amount, approvalCode, paymentSourceId, kioskId,
                    donation, parts, allocation);
        }
    }

    /** Paperless billing switched on ({@code enrolled}) or off. Only ever created for a real change. */
    record Paperless(UUID postingId, String accountNumber, boolean enrolled, AccountParts parts) implements CisPosting {
        public Paperless {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            parts = parts == null ? AccountParts.UNKNOWN : parts;
        }

        public Paperless(UUID postingId, String accountNumber, boolean enrolled) {
            this(postingId, accountNumber, enrolled, AccountParts.UNKNOWN);
        }

        @Override
        public Paperless withParts(AccountParts parts) {
            return new Paperless(postingId, accountNumber, enrolled, parts);
        }
    }

    /**
     * Autopay enrolled or cancelled at {@code at}. {@code serviceLocationId} is the account's Custom4
     * (empty when the biller's files carry none).
     */
    record Autopay(UUID postingId, String accountNumber, String serviceLocationId, boolean enrolled, OffsetDateTime at,
            AccountParts parts) implements CisPosting {
        public Autopay {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            Objects.requireNonNull(at, "at");
            serviceLocationId = serviceLocationId == null ? "" : serviceLocationId;
            parts = parts == null ? AccountParts.UNKNOWN : parts;
        }

        public Autopay(UUID postingId, String accountNumber, String serviceLocationId, boolean enrolled, OffsetDateTime at) {
            this(postingId, accountNumber, serviceLocationId, enrolled, at, AccountParts.UNKNOWN);
        }

        @Override
        public Autopay withParts(AccountParts parts) {
            return new Autopay(postingId, accountNumber, serviceLocationId, enrolled, at, parts);
        }
    }

    /** A scheduled payment created, updated or cancelled at {@code at}; its (new) date, amount and invoice. */
    record ScheduledPayment(UUID postingId, String accountNumber, String serviceLocationId, Change change, LocalDate date,
            BigDecimal amount, String invoiceNumber, OffsetDateTime at, AccountParts parts) implements CisPosting {
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
            parts = parts == null ? AccountParts.UNKNOWN : parts;
        }

        public ScheduledPayment(UUID postingId, String accountNumber, String serviceLocationId, Change change, LocalDate date,
                BigDecimal amount, String invoiceNumber, OffsetDateTime at) {
            this(postingId, accountNumber, serviceLocationId, change, date, amount, invoiceNumber, at, AccountParts.UNKNOWN);
        }

        @Override
        public ScheduledPayment withParts(AccountParts parts) {
            return new ScheduledPayment(postingId, accountNumber, serviceLocationId, change, date, amount, invoiceNumber, at,
                    parts);
        }
    }
}
