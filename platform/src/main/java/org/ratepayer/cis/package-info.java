/**
 * The port to a biller's billing system (CIS) and its wiring: which connector serves which biller.
 */
@org.springframework.modulith.ApplicationModule(displayName = "CIS connectors", allowedDependencies = {"shared", "billers"})
package org.ratepayer.cis;
