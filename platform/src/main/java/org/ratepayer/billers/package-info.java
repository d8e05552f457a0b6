/**
 * Billers, their keys, options and advanced settings: the configuration every other module reads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billers", allowedDependencies = {"shared"})
package org.ratepayer.billers;
