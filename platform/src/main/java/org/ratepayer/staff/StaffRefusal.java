package org.ratepayer.staff;

import org.ratepayer.shared.web.Refusal;

/** A refused change to staff users, with a stable code and the field it is about (docs/staff-portal.md). */
public class StaffRefusal extends Refusal {
    private static final long serialVersionUID = 1L;

    public StaffRefusal(Kind kind, String code, String field, String message) {
        super(kind, code.replace('_', '-'), Refusal.title(kind), code, field, message, null);
    }
}
