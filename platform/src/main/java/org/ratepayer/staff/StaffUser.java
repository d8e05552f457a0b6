package org.ratepayer.staff;

import java.time.Instant;

/** A staff user as pages and the API show it: never the password hash or the TOTP secret. */
public record StaffUser(long userId, long bid, String username, String email, StaffRole role, boolean partnerSupport,
        boolean enabled, boolean totpEnrolled, Instant createdAt, Instant lastSignInAt) {
}
