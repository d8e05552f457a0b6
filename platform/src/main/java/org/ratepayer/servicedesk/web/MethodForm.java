package org.ratepayer.servicedesk.web;

import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.SwipeTrack;
import org.ratepayer.shared.web.BadRequestException;

/**
 * The method fields of a staff form (templates/staff/method.html), bound from the request: a missing field is null.
 * A swipe, when allowed and given, wins over the typed card fields, as on the Pay Now page.
 */
record MethodForm(String method, String swipe, String cardNumber, String expMonth, String expYear, String cvv, String postalCode,
        String routingNumber, String bankAccount, String accountType) {

    private boolean card() {
        return method == null || method.isBlank() || "CARD".equals(method);
    }

    /** @param swipeAllowed whether this form may be swiped (a payment; an enrolment is typed) */
    CardDetails card(boolean swipeAllowed) {
        if (!card()) {
            return null;
        }
        if (swipeAllowed && swipe != null && !swipe.isBlank()) {
            return SwipeTrack.parse(swipe);
        }
        return new CardDetails(text(cardNumber).replaceAll("[\\s-]", ""), whole("expMonth", expMonth), whole("expYear", expYear),
                blankToNull(cvv), blankToNull(postalCode));
    }

    BankDetails bank() {
        if (!"ACH".equals(method)) {
            return null;
        }
        return new BankDetails(text(routingNumber).strip(), text(bankAccount).strip(),
                accountType == null || accountType.isBlank() ? "CHECKING" : accountType);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer whole(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "a whole number");
        }
    }
}
