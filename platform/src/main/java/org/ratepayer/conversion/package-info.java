/**
 * Conversion onto a new CIS (SPEC C11, issue 18, docs/conversion.md): the export of autopay and paperless flags for the
 * new CIS, the plan from its cross-reference file, the all-or-nothing apply that re-keys every table holding an account
 * number, the verification report, and the rollback. Works on the biller's whole data set at once, so it reads and
 * re-keys other modules' tables with set-based SQL in one transaction instead of calling them account by account. When
 * the biller chooses, the payers it unregisters are invited back through payers' {@link org.ratepayer.payers.Invitations}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conversion", allowedDependencies = {"shared", "billers", "postings", "payers"})
package org.ratepayer.conversion;
