package org.ratepayer.bif;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's file naming convention, {@code BID_MMDDYYYY.bif} (e.g. {@code 2178_12012026.bif}). A name
 * that does not follow it is still imported: the content decides, the name only helps an operator find
 * a bill run, so a mismatch is a warning (docs/invoice-files.md, "File names").
 */
public final class FileNameConvention {

    private static final Pattern NAME = Pattern.compile("(\\d+)_(\\d{2})(\\d{2})(\\d{4})\\.bif",
            Pattern.CASE_INSENSITIVE);

    private FileNameConvention() {
    }

    /** Why the name does not follow the convention for this biller, or empty when it does. */
    public static Optional<String> warning(String fileName, long bid) {
        String name = fileName == null ? "" : fileName;
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.of("file name " + ValueSyntax.quote(name) + " does not follow the convention BID_MMDDYYYY.bif"
                    + " (e.g. " + bid + "_12012026.bif)");
        }
        if (!m.group(1).equals(Long.toString(bid))) {
            return Optional.of("file name " + ValueSyntax.quote(name) + " names biller " + m.group(1) + ", not " + bid);
        }
        String date = m.group(2) + m.group(3) + m.group(4);
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (day.getYear() < 1900) {
                return Optional.of(notADate(name, date));
            }
        } catch (DateTimeException e) {
            return Optional.of(notADate(name, date));
        }
        return Optional.empty();
    }

    private static String notADate(String name, String date) {
        return "file name " + ValueSyntax.quote(name) + ": \"" + date + "\" is not a date (expected MMDDYYYY)";
    }
}
