/**
 * Live balances: refreshed from the CIS before a balance is shown or a payment starts, or the last known one.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Balances", allowedDependencies = {"shared", "billers", "billing", "cis"})
package org.ratepayer.balances;
