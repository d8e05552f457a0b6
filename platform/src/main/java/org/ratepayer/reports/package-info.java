/**
 * Reports, exports and chart figures for the biller portal (docs/reports.md, docs/payment-export.md): payments by day,
 * channel and method, the fixed-width payment export, the customer change log, the customer status report, autopay
 * runs, and the home page's chart data. Reads only: the figures are aggregated by the database over the tables the
 * other modules write (a report over a million accounts must not cross the wire row by row to be added up), and the one
 * table it owns, the customer change log, is written by triggers in the changing transaction (V36).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports", allowedDependencies = {"shared", "billers", "autopay"})
package org.ratepayer.reports;
