/**
 * The service desk of the biller portal (docs/staff-search.md): staff search over one biller's accounts, invoices and
 * payments, and the account page's one-call read. A module of its own, above the modules it reads, because the staff
 * module (sign-in, roles, audit) sits below every module that adds staff pages: search reads payments, payers and
 * enrolments, whose own staff pages use staff, so search inside staff would make a cycle.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk", allowedDependencies = {"shared", "staff", "billers", "billing", "payments :: gateway",
        "balances", "payments", "enrolments", "payers", "notifications"})
package org.ratepayer.servicedesk;
