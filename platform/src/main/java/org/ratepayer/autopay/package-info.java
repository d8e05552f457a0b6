/**
 * Autopay runs and scheduled payments on their date: who is due, charging at most once per bill, declines retried on
 * the biller's schedule (docs/autopay.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Autopay",
        allowedDependencies = {"shared", "billers", "balances", "enrolments", "payments", "payments :: gateway"})
package org.ratepayer.autopay;
