package org.ratepayer.conversion;

/** Where a long conversion step has got to, for the command line's progress bars; the API passes {@link #NONE}. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (step, done, total) -> {
    };

    /**
     * @param step  what is being done, e.g. "re-keying invoice"
     * @param done  how many of {@code total} parts are done
     */
    void at(String step, long done, long total);
}
