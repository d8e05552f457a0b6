package org.ratepayer.shared.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * Which client a request counts against: {@code request.getRemoteAddr()}, which the client-address filter has made the
 * TCP peer, or behind a trusted proxy the address it forwarded (docs/throttling.md). An IPv6 client is counted by its
 * /64, the block one subscriber usually holds, or it could take a fresh address for every guess.
 */
final class ClientAddress {

    private static final InetAddressValidator VALID = InetAddressValidator.getInstance();

    private ClientAddress() {
    }

    static String of(String remoteAddr) {
        String a = remoteAddr == null ? "" : remoteAddr.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        String literal = zone >= 0 ? a.substring(0, zone) : a;
        // Only a literal is parsed, so InetAddress never looks a name up in DNS.
        if (VALID.isValidInet4Address(literal) || VALID.isValidInet6Address(literal)) {
            try {
                byte[] raw = InetAddress.getByName(literal).getAddress();
                if (raw.length == 4) {
                    return InetAddress.getByAddress(raw).getHostAddress();
                }
                Arrays.fill(raw, 8, 16, (byte) 0);
                return InetAddress.getByAddress(raw).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                // not reachable for a validated literal; counted by its text below
            }
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
