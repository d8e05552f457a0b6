package org.ratepayer.payments.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a magnetic-stripe reader types into a focused field (a "swipe", docs/paynow.md AllowSwipe): track 1
 * {@code %B<number>^<NAME>^<YYMM>…?} or track 2 {@code ;<number>=<YYMM>…?}, whichever comes first. Only the
 * number and expiry are taken; the rest of the track (service code, discretionary data) is dropped at once.
 * Pure; the result goes to tokenization like a typed card and is never stored or logged.
 */
public final class SwipeTrack {

    private static final Pattern TRACK1 = Pattern.compile("%B(\\d{12,19})\\^[^^]{0,26}\\^(\\d{2})(\\d{2})");
    private static final Pattern TRACK2 = Pattern.compile(";(\\d{12,19})=(\\d{2})(\\d{2})");

    private SwipeTrack() {
    }

    /** @throws InvalidPaymentMethodException when the text holds no readable track */
    public static CardDetails parse(String swiped) {
        String t = swiped == null ? "" : swiped.trim();
        Matcher m = TRACK1.matcher(t);
        if (!m.find()) {
            m = TRACK2.matcher(t);
            if (!m.find()) {
                throw new InvalidPaymentMethodException("card.swipe", "the card could not be read; swipe again or type the number");
            }
        }
        int year = 2000 + Integer.parseInt(m.group(2));
        int month = Integer.parseInt(m.group(3));
        return new CardDetails(m.group(1), month, year, null, null);
    }
}
