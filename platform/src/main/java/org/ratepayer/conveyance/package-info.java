/**
 * Conveyance: an account changes owner (docs/conveyance.md). Takes it from every portal user, ends its autopay and
 * scheduled payments, detaches the saved methods that paid only it, records it for the customer change log and tells
 * others through {@link org.ratepayer.conveyance.AccountConveyed}. Triggered by its API and by invoice files (billing's
 * {@link org.ratepayer.billing.AccountsChangedOwner}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conveyance", allowedDependencies = {"shared", "billers", "billing",
        "enrolments", "payers"})
package org.ratepayer.conveyance;
