package org.ratepayer.billers;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A biller's portal accent colour (setting 1007): a plain {@code #rrggbb} that white text on it can be read against,
 * at WCAG 2.1 AA's 4.5:1 for normal text. The same ratio holds the other way round, so the accent also serves as the
 * colour of links and link-like buttons on white (docs/payers-portal.md).
 */
public record AccentColour(String hex) {

    /** WCAG 2.1 AA for text of normal size (success criterion 1.4.3). */
    public static final double MINIMUM_CONTRAST = 4.5;

    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

    public AccentColour {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("expected a colour written #rrggbb");
        }
    }

    /**
     * Reads what a biller wrote ({@code #0B5CAD}, {@code 0b5cad}), canonical in lower case.
     *
     * @throws IllegalArgumentException when it is not a colour, or white text on it would not meet AA
     */
    public static AccentColour read(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("#")) {
            t = "#" + t;
        }
        if (!HEX.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text.trim()) + "' is not a colour written #rrggbb, such as #0b5cad");
        }
        double ratio = contrastWithWhite(t);
        if (ratio < MINIMUM_CONTRAST) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "white text on %s has a contrast ratio of %.2f:1, below the 4.5:1 WCAG AA asks for; choose a darker colour", t, ratio));
        }
        return new AccentColour(t);
    }

    /** The stored setting as a colour, empty when unset or (written before the check existed) not acceptable. */
    public static Optional<AccentColour> of(Optional<String> stored) {
        try {
            return stored.filter(s -> !s.isBlank()).map(AccentColour::read);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The contrast ratio of white against the colour, from 1 (white) to 21 (black). */
    public static double contrastWithWhite(String hex) {
        double l = 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
        return 1.05 / (l + 0.05);
    }

    /** WCAG's relative luminance of one sRGB channel. */
    private static double channel(String hex, int at) {
        double c = Integer.parseInt(hex.substring(at, at + 2), 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
