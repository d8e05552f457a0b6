/**
 * Emails to payers (receipts, failures, password links, autopay notices) and their history; listens to the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"shared", "billers", "billing", "balances", "payments", "enrolments",
        "payers", "autopay"})
package org.ratepayer.notifications;
