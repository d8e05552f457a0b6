package org.ratepayer.conversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CIS's cross-reference file, read and checked against the biller's accounts (docs/conversion.md, "The
 * cross-reference file"). Pure: the caller gives the file's text, the biller's account numbers and how the biller forms
 * the CIS's number; nothing here reads the database.
 *
 * <p>Every problem is found, not just the first, each named by the file's line (1 is the header), so the conversion
 * team fixes the file in one go.
 */
public final class CrossReference {

    /** The file's header names, matched without regard to case or surrounding spaces. */
    public static final String OLD = "OldAccountNumber";
    public static final String NEW = "NewAccountNumber";
    public static final String CUSTOM2 = "Custom2";
    public static final String CUSTOM3 = "Custom3";

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Account numbers as an invoice file may carry them: printable, no separator of this file, at most 50 characters. */
    private static final int MAX_NUMBER = 50;

    private CrossReference() {
    }

    /** One account's change: its number now, its new number, and the new base and sub when the file gives them. */
    public record Mapping(int line, String oldNumber, String newNumber, String custom2, String custom3) {
    }

    /**
     * What is wrong, and where. {@code line} is the file's line (1 is the header), or 0 for a problem with no line: an
     * account of the biller the file does not list.
     */
    public record Problem(int line, String code, String accountNumber, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + message;
        }
    }

    /** The mappings when {@code problems} is empty; otherwise what to fix. */
    public record Result(List<Mapping> mappings, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Reads and checks the file.
     *
     * @param text      the file, UTF-8 decoded (a byte-order mark is ignored)
     * @param existing  every account number the biller has
     * @param subDigits 0 when the biller sends the CIS the file's number as it is; N when it sends Custom2 then Custom3
     *                  padded to N digits (setting 1006, docs/cis-account-number.md): then Custom2 and Custom3 are
     *                  required and Custom3 has at most N digits
     */
    public static Result read(String text, Set<String> existing, int subDigits) {
        List<Problem> problems = new ArrayList<>();
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().toList();
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isBlank()) {
            last--;
        }
        if (last == 0) {
            problems.add(new Problem(1, "empty_file", null, "the file is empty: expected a header line "
                    + OLD + "," + NEW + " and one line per account"));
            return new Result(List.of(), problems);
        }
        List<String> header = split(lines.get(0));
        if (header == null) {
            problems.add(new Problem(1, "malformed_line", null, "the header line has an unclosed quote"));
            return new Result(List.of(), problems);
        }
        int oldAt = indexOf(header, OLD);
        int newAt = indexOf(header, NEW);
        int c2At = indexOf(header, CUSTOM2);
        int c3At = indexOf(header, CUSTOM3);
        List<String> missing = new ArrayList<>();
        if (oldAt < 0) {
            missing.add(OLD);
        }
        if (newAt < 0) {
            missing.add(NEW);
        }
        if (subDigits > 0) {
            if (c2At < 0) {
                missing.add(CUSTOM2);
            }
            if (c3At < 0) {
                missing.add(CUSTOM3);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new Problem(1, "missing_column", null, "the header has no column " + String.join(", ", missing)
                    + (subDigits > 0 ? " (this biller sends the CIS Custom2 and Custom3, setting 1006)" : "")));
            return new Result(List.of(), problems);
        }
        if (last == 1) {
            problems.add(new Problem(1, "empty_file", null, "the file has a header and no account"));
            return new Result(List.of(), problems);
        }

        List<Mapping> mappings = new ArrayList<>();
        Map<String, Integer> oldSeen = new HashMap<>();
        Map<String, Integer> newSeen = new HashMap<>();
        for (int i = 1; i < last; i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            if (raw.isBlank()) {
                problems.add(new Problem(lineNo, "malformed_line", null, "an empty line"));
                continue;
            }
            List<String> f = split(raw);
            if (f == null) {
                problems.add(new Problem(lineNo, "malformed_line", null, "an unclosed quote"));
                continue;
            }
            if (f.size() != header.size()) {
                problems.add(new Problem(lineNo, "malformed_line", null, "expected " + header.size() + " fields as the header has, found "
                        + f.size()));
                continue;
            }
            String oldNo = f.get(oldAt).strip();
            String newNo = f.get(newAt).strip();
            String c2 = c2At < 0 ? null : blankToNull(f.get(c2At));
            String c3 = c3At < 0 ? null : blankToNull(f.get(c3At));
            String bad = badNumber(OLD, oldNo);
            if (bad == null) {
                bad = badNumber(NEW, newNo);
            }
            if (bad == null && oldNo.equals(newNo)) {
                bad = "the new number " + newNo + " is the old one";
            }
            if (bad == null) {
                bad = badParts(c2, c3, subDigits);
            }
            if (bad != null) {
                problems.add(new Problem(lineNo, "malformed_line", oldNo.isEmpty() ? null : oldNo, bad));
                continue;
            }
            Integer firstOld = oldSeen.putIfAbsent(oldNo, lineNo);
            if (firstOld != null) {
                problems.add(new Problem(lineNo, "old_number_twice", oldNo, "old number " + oldNo + " is listed again (first on line "
                        + firstOld + ")"));
                continue;
            }
            Integer firstNew = newSeen.putIfAbsent(newNo, lineNo);
            if (firstNew != null) {
                problems.add(new Problem(lineNo, "new_number_twice", oldNo, "new number " + newNo + " is given again (first on line "
                        + firstNew + ")"));
                continue;
            }
            if (!existing.contains(oldNo)) {
                problems.add(new Problem(lineNo, "unknown_old_number", oldNo, "old number " + oldNo + " is not an account of this biller"));
                continue;
            }
            mappings.add(new Mapping(lineNo, oldNo, newNo, c2, c3));
        }
        // A new number may be an account of today only if that account is itself renumbered (a chain or a swap).
        for (Mapping m : mappings) {
            if (existing.contains(m.newNumber()) && !oldSeen.containsKey(m.newNumber())) {
                problems.add(new Problem(m.line(), "new_number_exists", m.oldNumber(), "new number " + m.newNumber()
                        + " is already an account of this biller, and the file does not renumber it"));
            }
        }
        List<String> unmatched = existing.stream().filter(a -> !oldSeen.containsKey(a)).sorted().toList();
        for (String a : unmatched) {
            problems.add(new Problem(0, "account_not_listed", a, "account " + a + " is not in the file"));
        }
        problems.sort((a, b) -> Integer.compare(a.line() == 0 ? Integer.MAX_VALUE : a.line(), b.line() == 0 ? Integer.MAX_VALUE : b.line()));
        return new Result(problems.isEmpty() ? List.copyOf(mappings) : List.of(), List.copyOf(problems));
    }

    private static String badNumber(String column, String value) {
        if (value.isEmpty()) {
            return column + " is empty";
        }
        if (value.length() > MAX_NUMBER) {
            return column + " has more than " + MAX_NUMBER + " characters";
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return column + " " + value + " has a space or a character other than printable ASCII";
        }
        return null;
    }

    private static String badParts(String c2, String c3, int subDigits) {
        if (c2 == null && c3 == null) {
            return subDigits > 0 ? "Custom2 and Custom3 are required: this biller sends the CIS Custom2 then Custom3 (setting 1006)" : null;
        }
        if (c2 == null || c3 == null) {
            return "Custom2 and Custom3 go together: give both or neither";
        }
        if (!DIGITS.matcher(c2).matches() || !DIGITS.matcher(c3).matches()) {
            return "Custom2 and Custom3 are digits only (the file specification says both are numeric)";
        }
        if (subDigits > 0 && c3.length() > subDigits) {
            return "Custom3 " + c3 + " has more than the " + subDigits + " digits setting 1006 pads the sub to";
        }
        return null;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** One CSV line (RFC 4180 quoting, no line breaks inside a field); null for an unclosed quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(f.toString());
        return out;
    }
}
