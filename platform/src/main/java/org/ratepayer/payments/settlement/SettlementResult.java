package org.ratepayer.payments.settlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A biller's settlement of one day as recorded: what the processor funded, how much of it were payments here, and
 * the mismatches. A rerun of the day answers this same record.
 *
 * @param day          the day the processor funded (the sandbox funds the business day before it)
 * @param fundedCount  the charges the processor reported funded
 * @param settledCount the payments here among them (now SETTLED), their total as funded in {@code settledTotal}
 */
public record SettlementResult(long billerId, LocalDate day, int fundedCount, BigDecimal fundedTotal, int settledCount,
        BigDecimal settledTotal, List<Mismatch> mismatches, OffsetDateTime ranAt, String ranBy) {

    public SettlementResult {
        mismatches = List.copyOf(mismatches);
    }
}
