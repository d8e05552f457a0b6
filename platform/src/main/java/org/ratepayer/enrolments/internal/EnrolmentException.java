package org.ratepayer.enrolments.internal;

import org.ratepayer.shared.web.Refusal;

/** A refused enrolment change, with the kind of refusal, a stable code and the field it is about. */
public class EnrolmentException extends Refusal {
    private static final long serialVersionUID = 1L;


    public EnrolmentException(Kind kind, String code, String field, String message) {
        super(kind, code.replace('_', '-'), Refusal.title(kind), code, field, message, null);
    }
}
