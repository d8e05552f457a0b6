package org.ratepayer.staff.internal;

import java.security.SecureRandom;
import org.ratepayer.shared.passwords.PasswordHasher;
import org.springframework.stereotype.Component;

/**
 * Staff passwords are hashed as the payers' are ({@link PasswordHasher}: Argon2id, a decoy for unknown usernames).
 * One-time passwords (a new user's, a reset's) are 20 Base32 characters, 100 random bits, in groups of five to read out.
 */
@Component
public class StaffPasswords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();

    public StaffPasswords(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    public String hash(String password) {
        return hasher.hash(password);
    }

    /** Whether the password matches; a null hash is checked against the decoy and fails. */
    public boolean matches(String password, String hash) {
        return hasher.matches(password, hash);
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
