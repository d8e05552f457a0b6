package org.ratepayer.staff.internal;

import java.security.SecureRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane), as the payers' portal uses; an unknown username
 * is checked against a decoy hash so it takes as long as a known one. One-time passwords (a new user's, a reset's)
 * are 20 Base32 characters, 100 random bits, in groups of five to read out.
 */
@Component
public class StaffPasswords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String decoy = encoder.encode("decoy password for unknown staff");
    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password == null ? "" : password, decoy);
            return false;
        }
        return password != null && encoder.matches(password, hash);
    }

    public String oneTime() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public SecureRandom random() {
        return random;
    }
}
