/**
 * Paperless, autopay and scheduled payments of an account; tells others through EnrolmentChanged.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Enrolments", allowedDependencies = {"shared", "billers", "billing", "payments", "payments :: gateway"})
package org.ratepayer.enrolments;
