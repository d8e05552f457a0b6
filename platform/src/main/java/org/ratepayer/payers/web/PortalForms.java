package org.ratepayer.payers.web;

import java.util.HashMap;
import java.util.Map;
import org.ratepayer.payers.PayerRefusal;

/** Field errors of the portal's self-service forms, worded for payers (docs/payers-self-service.md). */
final class PortalForms {

    private PortalForms() {
    }

    /** The refusal as one field's error, keyed by the field the form shows it next to. */
    static Map<String, String> fieldError(PayerRefusal refusal, String fallbackField) {
        String field = refusal.field() == null ? fallbackField : refusal.field();
        String detail = refusal.detail();
        String words = "required".equals(detail) ? "This is required." : Character.toUpperCase(detail.charAt(0)) + detail.substring(1) + ".";
        return Map.of(field, words);
    }

    /** What a form choosing a username and a password is missing, by field (a mutable map: callers add their own). */
    static Map<String, String> missingCredentials(String username, String password) {
        Map<String, String> errors = new HashMap<>();
        if (username.isBlank()) {
            errors.put("username", "Choose a username.");
        }
        if (password.isEmpty()) {
            errors.put("password", "Choose a password.");
        }
        return errors;
    }
}
