/**
 * Payments from every channel: the rules, the gateway, checkout shared by the payment pages, idempotency, repair and daily batches.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments", allowedDependencies = {"shared", "billers", "billing", "balances", "presentment"})
package org.ratepayer.payments;
