package org.ratepayer.bif;

/**
 * Strict UTF-8 checking (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 * The JDK's decoders either replace bad bytes silently or throw without saying where; the reader
 * needs a yes/no per field to report the field by name.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Whether bytes[from, to) are well-formed UTF-8. */
    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2 || b > 0xF4) {
                return false;
            }
            int length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            if (i + length > to) {
                return false;
            }
            for (int k = 1; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            int second = bytes[i + 1] & 0xFF;
            boolean overlong = b == 0xE0 && second < 0xA0 || b == 0xF0 && second < 0x90;
            boolean surrogate = b == 0xED && second >= 0xA0;
            boolean beyondUnicode = b == 0xF4 && second >= 0x90;
            if (overlong || surrogate || beyondUnicode) {
                return false;
            }
            i += length;
        }
        return true;
    }
}
