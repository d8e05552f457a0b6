package org.ratepayer.billers;

import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates and fingerprints biller keys. Keys carry a readable prefix (environment and kind) so a
 * leaked key is recognisable by secret scanners and a TEST key is never mistaken for a PROD one.
 */
public final class BillerKeys {

    private final SecureRandom random = new SecureRandom();

    public String generate(KeyKind kind, Environment environment) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "rp_" + environment.name().toLowerCase() + "_" + kind.prefix() + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] fingerprint(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String last4(String key) {
        return key.length() <= 4 ? key : key.substring(key.length() - 4);
    }
}
