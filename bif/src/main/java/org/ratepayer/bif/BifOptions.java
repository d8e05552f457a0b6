package org.ratepayer.bif;

/**
 * How a read is checked.
 *
 * @param expectedBillerGuid the uploading biller's GUID, which the FH BillerGuid must equal
 *                           (ignoring case); null to skip the check
 * @param maxErrors          how many errors {@link BifResult#errors()} keeps; all are counted
 */
public record BifOptions(String expectedBillerGuid, int maxErrors) {

    public static final int DEFAULT_MAX_ERRORS = 1000;

    public BifOptions {
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors must not be negative: " + maxErrors);
        }
    }

    /** No biller check, at most 1000 errors listed. */
    public static BifOptions defaults() {
        return new BifOptions(null, DEFAULT_MAX_ERRORS);
    }

    public BifOptions withExpectedBillerGuid(String billerGuid) {
        return new BifOptions(billerGuid, maxErrors);
    }

    public BifOptions withMaxErrors(int max) {
        return new BifOptions(expectedBillerGuid, max);
    }
}
