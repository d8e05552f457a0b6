/**
 * The bill image: streamed from the CIS for payers allowed to see it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Presentment", allowedDependencies = {"shared", "billers", "billing", "cis"})
package org.ratepayer.presentment;
