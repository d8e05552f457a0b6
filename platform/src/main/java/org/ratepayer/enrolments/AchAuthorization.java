package org.ratepayer.enrolments;

import java.time.Instant;

/**
 * A payer's authorization of recurring debits from a bank account, as agreed (docs/payers.md): the words shown, when,
 * from which address and by whom. Kept after autopay ends, as NACHA asks of the biller. {@code agreedAt} null means
 * "now", as the enrolment is made.
 */
public record AchAuthorization(String terms, Instant agreedAt, String agreedFrom, String agreedBy) {
}
