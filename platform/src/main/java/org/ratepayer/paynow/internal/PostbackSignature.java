package org.ratepayer.paynow.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a postback the Standard Webhooks way (standard-webhooks.com): HMAC-SHA256 with the biller's
 * secret over {@code id + "." + timestamp + "." + content}, sent as {@code webhook-signature: v1,<base64>}
 * with {@code webhook-id} and {@code webhook-timestamp}. A postback has no body (its parameters are in the
 * query string, as the original contract has them), so the content signed is the raw query string exactly
 * as sent. Any Standard Webhooks library verifies it when given that query string as the payload. Pure.
 */
public final class PostbackSignature {

    public static final String PREFIX = "whsec_";

    private PostbackSignature() {
    }

    /** @param secret {@code whsec_} + base64 of the key bytes (setting 1004) */
    public static String sign(String secret, String id, long timestampSeconds, String content) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), id + "." + timestampSeconds + "." + content));
    }

    /**
     * Verifies a received signature header (which may hold several space-separated signatures during a
     * secret rotation) and that the timestamp is within {@code toleranceSeconds} of {@code nowSeconds}.
     */
    public static boolean verify(String secret, String id, String timestamp, String content, String signatureHeader,
            long nowSeconds, long toleranceSeconds) {
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > toleranceSeconds || signatureHeader == null) {
            return false;
        }
        byte[] expected = sign(secret, id, ts, content).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatureHeader.trim().split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a postback secret starts with " + PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
