/**
 * Payers: portal users, each a co-owner of the accounts linked to it; registration and single sign-on driven by the
 * CIS; sign-in; the customer portal. Tells others through {@link org.ratepayer.payers.PasswordLinkWanted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payers", allowedDependencies = {"shared", "billers", "billing",
        "balances", "payments", "payments :: gateway", "payments :: checkout", "payments :: page", "enrolments", "presentment"})
package org.ratepayer.payers;
