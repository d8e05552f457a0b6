/**
 * Staff: the users of a biller's office and the biller portal at {@code /staff/{bid}}: sign-in with a password and
 * a TOTP code, roles, the audit log of every staff action. Other modules' staff pages take a
 * {@link org.ratepayer.staff.SignedInStaff}, are marked {@link org.ratepayer.staff.StaffPage}, and record their
 * writes through {@link org.ratepayer.staff.StaffAudit} (docs/staff-portal.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff", allowedDependencies = {"shared", "billers", "reports", "postings",
        "payments", "payments :: batches", "payments :: settlement"})
package org.ratepayer.staff;
