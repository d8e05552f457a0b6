package org.ratepayer.staff;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Who is signed in to a biller's staff portal. A staff page's controller method takes one as an argument and gets
 * the user signed in to the biller of its path ({@code /staff/{bid}/…}), read afresh on every request (a user
 * disabled or given another role is so at once); when nobody is, the visitor is sent to sign in. Before any write a
 * page calls {@link #requireWrite()} or {@link #requireRole}; a refusal is a 403 page (docs/staff-portal.md).
 */
public record SignedInStaff(long bid, long userId, String username, StaffRole role, boolean partnerSupport)
        implements Serializable {

    /** The session attribute it is kept under; not the payer portal's, so neither session passes for the other. */
    public static final String ATTRIBUTE = "ratepayer.staff";

    /** Whether this user may change anything (every role but read-only): for pages to hide what would be refused. */
    public boolean canWrite() {
        return role.canWrite();
    }

    public boolean isAdministrator() {
        return role == StaffRole.ADMINISTRATOR;
    }

    /** Refuses a read-only user: call it first in every handler that changes something. */
    public void requireWrite() {
        if (!role.canWrite()) {
            throw new StaffForbidden("Your role (" + role.label() + ") can look but not change anything.");
        }
    }

    /** Refuses every role but those named, e.g. {@code requireRole(StaffRole.ADMINISTRATOR)} for the users page. */
    public void requireRole(StaffRole... allowed) {
        if (Arrays.stream(allowed).noneMatch(r -> r == role)) {
            throw new StaffForbidden("This needs the role " + String.join(" or ",
                    Arrays.stream(allowed).map(StaffRole::label).toList()) + "; yours is " + role.label() + ".");
        }
    }
}
