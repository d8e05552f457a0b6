package org.ratepayer.shared.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds the 256-bit master key: the environment (base64) wins, so production keeps it out of the
 * file system; otherwise a key file that is created on first use, readable by its owner only.
 */
public final class MasterKeyLoader {

    private MasterKeyLoader() {
    }

    public static SecretKey load(String fromEnvironment, Path keyFile) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return decode(fromEnvironment.trim(), "RATEPAYER_MASTER_KEY");
        }
        try {
            String stored = SecretFiles.readOrCreate(keyFile, () -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key) + "\n";
            });
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalStateException("master key file " + keyFile + " is readable by others; chmod 600 it");
            }
            return decode(stored.trim(), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create master key file " + keyFile, e);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key from " + source + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("master key from " + source + " must be 32 bytes, is " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
