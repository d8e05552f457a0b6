package org.ratepayer.shared.passwords;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane), for payers' and staff passwords alike
 * (docs/security.md). A sign-in for an unknown username checks against a hash of nothing, so it takes as long as one
 * for a known username (no user enumeration by timing).
 */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String decoy = encoder.encode("decoy password for unknown users");

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches; a null hash (no password set yet) is checked against a decoy and fails. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password == null ? "" : password, decoy);
            return false;
        }
        return password != null && encoder.matches(password, hash);
    }
}
