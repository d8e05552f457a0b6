/**
 * The outbox and its workers: messages to a CIS or a partner, delivered once, in order per account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Postings", allowedDependencies = {"shared", "billers"})
package org.ratepayer.postings;
