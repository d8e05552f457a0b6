package org.ratepayer.billing;

import java.math.BigDecimal;
import java.util.List;
import org.ratepayer.bif.BifError;

/**
 * What happened to one invoice file.
 *
 * @param errors   at most the first 1,000 problems; {@code errorCount} counts them all
 * @param warnings what is off but does not stop the import: a file name off the naming convention
 * @param conveyed how many existing accounts the file conveyed to a new owner (docs/conveyance.md)
 */
public record ImportOutcome(
        Status status,
        Long fileId,
        String fileName,
        String sha256,
        long invoices,
        long accountsCreated,
        long accountsUpdated,
        long invoicesReplaced,
        long superseded,
        BigDecimal totalAmountDue,
        List<BifError> errors,
        long errorCount,
        List<String> warnings,
        long conveyed) {

    public enum Status {
        IMPORTED,
        ALREADY_IMPORTED,
        REJECTED
    }

    public ImportOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** An outcome that conveyed no account. */
    public ImportOutcome(Status status, Long fileId, String fileName, String sha256, long invoices, long accountsCreated,
            long accountsUpdated, long invoicesReplaced, long superseded, BigDecimal totalAmountDue, List<BifError> errors,
            long errorCount, List<String> warnings) {
        this(status, fileId, fileName, sha256, invoices, accountsCreated, accountsUpdated, invoicesReplaced, superseded,
                totalAmountDue, errors, errorCount, warnings, 0);
    }

    public ImportOutcome withWarnings(List<String> warnings) {
        return new ImportOutcome(status, fileId, fileName, sha256, invoices, accountsCreated, accountsUpdated,
                invoicesReplaced, superseded, totalAmountDue, errors, errorCount, warnings, conveyed);
    }

    public boolean accepted() {
        return status != Status.REJECTED;
    }
}
