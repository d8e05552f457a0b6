/**
 * Invoice files (BIF) and the accounts and invoices they load; invoice queries for the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing", allowedDependencies = {"shared", "billers"})
package org.ratepayer.billing;
