package org.ratepayer.autopay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One autopay run as the API shows it (docs/autopay.md).
 *
 * @param status  RUNNING, DONE, or INTERRUPTED (its node stopped before the end; the next run settles what it left)
 * @param due     bills and scheduled payments found due by this run
 * @param skipped bills not charged, by reason code
 * @param amount  the total of the approved charges
 */
public record RunReport(long id, long billerId, LocalDate date, String status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        int due, int charged, int declined, Map<String, Integer> skipped, BigDecimal amount, List<Attempt> charges) {

    public RunReport {
        skipped = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skipped));
        charges = List.copyOf(charges);
    }

    /** One attempt this run made; {@code status} APPROVED, DECLINED, ERROR, IN_PROGRESS, CIS_UNREACHABLE, SKIPPED or ABANDONED. */
    public record Attempt(String kind, String accountNumber, String invoiceNumber, int attemptNumber, String status, String reason,
            BigDecimal amount, UUID paymentGuid) {
    }
}
