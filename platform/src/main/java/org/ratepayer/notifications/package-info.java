/**
 * Emails to payers (receipts, failures) and their history; listens to the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"shared", "billers", "billing", "payments", "enrolments"})
package org.ratepayer.notifications;
