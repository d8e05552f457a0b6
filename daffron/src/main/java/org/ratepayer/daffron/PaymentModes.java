package org.ratepayer.daffron;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paymentMode table, advanced setting 64 (cards) or 65 (ACH): {@code paymentSourceID(code)} entries
 * joined by {@code |}, e.g. {@code 0(WEB)|2(CSRWEB)|8(POS)}. A channel without an entry is {@code WEB}.
 */
public record PaymentModes(Map<Integer, String> codes) {

    static final String DEFAULT_MODE = "WEB";
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,9})\\(([^()|]+)\\)");

    public PaymentModes {
        codes = Map.copyOf(codes);
    }

    static final PaymentModes NONE = new PaymentModes(Map.of());

    /** Parses a setting's value; a blank or absent setting is an empty table. */
    static PaymentModes parse(int setting, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return NONE;
        }
        Map<Integer, String> codes = new HashMap<>();
        for (String raw : value.get().split("\\|", -1)) {
            String entry = raw.strip();
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("advanced setting " + setting + " (paymentMode codes): '" + entry
                        + "' is not paymentSourceID(code), e.g. 0(WEB)|2(CSRWEB)|8(POS)");
            }
            int source = Integer.parseInt(m.group(1));
            String code = m.group(2).strip();
            if (code.isEmpty() || codes.putIfAbsent(source, code) != null) {
                throw new IllegalArgumentException("advanced setting " + setting + " (paymentMode codes): "
                        + (code.isEmpty() ? "empty code for paymentSourceID " : "paymentSourceID listed twice: ")
                        + source);
            }
        }
        return new PaymentModes(codes);
    }

    String modeFor(int paymentSourceId) {
        return codes.getOrDefault(paymentSourceId, DEFAULT_MODE);
    }
}
