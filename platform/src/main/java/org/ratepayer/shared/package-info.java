/**
 * What every module may use: caller authentication and problem details (web), JSON input, secrets at rest, throttling
 * and the installation's configuration and clock. Open: its sub-packages are all its public surface. It uses no module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.ratepayer.shared;
