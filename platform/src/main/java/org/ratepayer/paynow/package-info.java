/**
 * Pay Now (Cloud Payments V2): partner requests, the hosted page, and postbacks through the postings outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pay Now", allowedDependencies = {"shared", "billers", "billing", "balances", "payments", "payments :: gateway", "payments :: checkout", "postings", "presentment", "payers"})
package org.ratepayer.paynow;
