/**
 * Keeps the CIS in step: payments and enrolment changes become postings, and postings are delivered through the connector.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integration", allowedDependencies = {"shared", "billers", "billing", "cis", "postings", "payments", "enrolments"})
package org.ratepayer.integration;
