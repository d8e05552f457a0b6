package org.ratepayer.paynow;

import java.util.Set;

/**
 * Ports on this machine where the installation's own services listen: the platform itself, the demo's CIS simulator.
 * With {@code ratepayer.pay-now.loopback-http} a partner URL may point at this machine, but never at one of these:
 * a postback there would have the platform call its own, or the simulator's, admin API (docs/security.md).
 */
@FunctionalInterface
public interface LocalServices {

    Set<Integer> ports();
}
