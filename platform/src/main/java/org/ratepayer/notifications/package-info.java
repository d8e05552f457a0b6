/**
 * Emails to payers (receipts, failures, password links, autopay notices) and their history; listens to the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"shared", "billers", "billing", "payments", "enrolments",
        "payers", "autopay", "conveyance"})
package org.ratepayer.notifications;
