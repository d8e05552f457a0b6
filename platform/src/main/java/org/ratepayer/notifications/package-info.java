/**
 * Emails to payers (receipts, failures, password links, autopay notices, prepaid low-balance alerts) and their history; listens to the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"shared", "billers", "billing", "payments", "enrolments",
        "payers", "autopay", "balances", "conveyance"})
package org.ratepayer.notifications;
