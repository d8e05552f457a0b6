package org.ratepayer.bif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Counts every error and keeps the first {@code max} of them. */
final class ErrorCollector {

    private final int max;
    private final List<BifError> kept = new ArrayList<>();
    private long count;

    ErrorCollector(int max) {
        this.max = max;
    }

    void line(long line, String message) {
        add(BifError.ofLine(line, message));
    }

    void field(long line, FieldDef def, String message) {
        add(BifError.ofField(line, def, message));
    }

    private void add(BifError error) {
        count++;
        if (kept.size() < max) {
            kept.add(error);
        }
    }

    long count() {
        return count;
    }

    /** The kept errors by line; errors of one line keep the order they were found in. */
    List<BifError> byLine() {
        List<BifError> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(BifError::line));
        return sorted;
    }
}
