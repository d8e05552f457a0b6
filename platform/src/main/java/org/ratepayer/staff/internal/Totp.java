package org.ratepayer.staff.internal;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 over RFC 4226's HOTP: 30-second steps, six digits, HMAC-SHA1, as every
 * authenticator app reads from an otpauth:// URI. Pure: the time is given, never read. No library on Maven Central
 * available to this build offers it, and it is forty lines of javax.crypto (docs/staff-portal.md, "Two-step sign-in").
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** A code of the step before or after is accepted too: a phone's clock a little off, a code typed at the edge. */
    static final int WINDOW = 1;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** A fresh 160-bit secret (RFC 4226's recommended length), in Base32 as authenticator apps take it. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[20];
        random.nextBytes(key);
        return base32(key);
    }

    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    /** The code of a step for a key, {@code digits} long, with the HMAC named as Java names it (HmacSHA1, …). */
    public static String code(byte[] key, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            long otp = binary % (long) Math.pow(10, digits);
            return String.format("%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** The six-digit code of a Base32 secret at a time. */
    public static String code(String base32Secret, long epochSeconds) {
        return code(unbase32(base32Secret), step(epochSeconds), DIGITS, "HmacSHA1");
    }

    /**
     * The step a typed code matches at a time (within one step either side), or empty. Spaces are ignored; the
     * caller refuses a step not after the last one accepted, so a code works once.
     */
    public static OptionalLong matchingStep(String base32Secret, String typed, long epochSeconds) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String code = typed.replace(" ", "");
        if (!code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = unbase32(base32Secret);
        long now = step(epochSeconds);
        for (long s = now - WINDOW; s <= now + WINDOW; s++) {
            if (java.security.MessageDigest.isEqual(code(key, s, DIGITS, "HmacSHA1").getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** The otpauth:// URI an authenticator app adds an account from (Google's Key Uri Format). */
    public static String uri(String issuer, String account, String base32Secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] unbase32(String text) {
        String s = text.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not Base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
