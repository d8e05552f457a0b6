package org.ratepayer.shared.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin API's bearer token. Compared in constant time; never logged. */
public final class OperatorToken {

    private final byte[] token;

    public OperatorToken(String token) {
        if (token.length() < 16) {
            throw new IllegalStateException("the operator token must be at least 16 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** For the demo manifest only. */
    public String reveal() {
        return new String(token, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OperatorToken[****]";
    }
}
