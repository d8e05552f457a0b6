package org.ratepayer.billing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.ratepayer.bif.BifError;
import org.ratepayer.bif.BifResult;
import org.ratepayer.bif.FileSpecIds;

/**
 * Why an invoice file naming old account numbers is refused (docs/conversion-old-numbers.md): a file made before the
 * conversion, imported after it, would create accounts under numbers that no longer exist at the CIS and split each
 * member's bills between two accounts. Each such account is one error, on the line of its first CR row, naming the new
 * number and the day of the change, so the biller can tell a late file from a mistyped one. Pure: the import finds the
 * accounts, this says what is wrong with them.
 */
public final class RenumberedInFile {

    private RenumberedInFile() {
    }

    /**
     * An account of the file that a conversion renumbered, and no live account holds the number of.
     *
     * @param line the line of its first CR row in the file
     */
    public record OldNumber(String oldAccountNumber, long line, String newAccountNumber, Instant renumberedAt) {
    }

    /** The error for one old number; the day is the biller's. */
    public static BifError error(OldNumber o, ZoneId zone) {
        LocalDate day = o.renumberedAt().atZone(zone).toLocalDate();
        return new BifError(o.line(), "AccountNumber", FileSpecIds.ACCOUNT_NUMBER, "account " + o.oldAccountNumber()
                + " on line " + o.line() + " was renumbered " + day + " to " + o.newAccountNumber()
                + "; this file predates the conversion");
    }

    /**
     * The file's reading as refused for these old numbers: every one counted, the first {@code maxErrors} listed in
     * line order, as the reader lists its own errors.
     */
    public static BifResult refused(BifResult read, List<OldNumber> oldNumbers, ZoneId zone, int maxErrors) {
        List<BifError> errors = oldNumbers.stream().sorted(Comparator.comparingLong(OldNumber::line)).limit(maxErrors)
                .map(o -> error(o, zone)).toList();
        return new BifResult(read.lines(), read.invoices(), read.totalAmountDue(), errors, oldNumbers.size());
    }
}
