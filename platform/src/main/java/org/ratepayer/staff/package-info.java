/**
 * The biller portal (docs/staff-search.md): staff search over one biller's accounts, invoices and payments, and the
 * account page's one-call view.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff", allowedDependencies = {"shared", "billers", "billing",
        "balances", "payments", "enrolments", "payers", "notifications"})
package org.ratepayer.staff;
