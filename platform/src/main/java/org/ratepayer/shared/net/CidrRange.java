package org.ratepayer.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * One block of addresses written as CIDR ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); a single address is its
 * own /32 or /128. Pure: the biller's IP allow-list and the trusted-proxy list read addresses through it
 * (docs/ip-allow-list.md). Only literals are parsed, so nothing is ever looked up in DNS. An IPv4 address written as
 * IPv4-mapped IPv6 ({@code ::ffff:192.0.2.1}) is the IPv4 address, on either side, since a dual-stack server
 * reports IPv4 clients that way.
 */
public record CidrRange(byte[] network, int prefix) {

    private static final InetAddressValidator VALID = InetAddressValidator.getInstance();

    public CidrRange {
        network = network.clone();
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the text, in words for the person who wrote it
     */
    public static CidrRange parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("is empty; write an address or a range such as 203.0.113.0/24");
        }
        int slash = t.indexOf('/');
        String literal = slash < 0 ? t : t.substring(0, slash);
        boolean written6 = literal.contains(":");
        // a zone or brackets name an interface or a URL's host, never a range
        byte[] raw = (literal.contains("%") || literal.contains("[") ? Optional.<byte[]>empty() : address(literal)).orElseThrow(() -> new IllegalArgumentException(
                "'" + t + "' is not an IPv4 or IPv6 address or a range such as 203.0.113.0/24 or 2001:db8::/32"));
        int max = raw.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + t + "': the prefix length after '/' must be a number");
            }
            prefix = Integer.parseInt(p);
            if (written6 && raw.length == 4) {
                // ::ffff:a.b.c.d/104 is a.b.c.d/8: the mapped block counted in IPv4 bits
                if (prefix < 96) {
                    throw new IllegalArgumentException("'" + t + "': an IPv4-mapped range needs a prefix of at least 96");
                }
                prefix -= 96;
            }
            if (prefix > max) {
                throw new IllegalArgumentException("'" + t + "': the prefix length must be at most " + max);
            }
        }
        for (int bit = prefix; bit < max; bit++) {
            if ((raw[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                throw new IllegalArgumentException("'" + t + "' has address bits set past its prefix; the range starts at "
                        + new CidrRange(masked(raw, prefix), prefix).text());
            }
        }
        return new CidrRange(raw, prefix);
    }

    /** Whether this range holds the address; false for anything that is not an address literal. */
    public boolean contains(String address) {
        return address(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit += 8) {
            int bits = Math.min(8, prefix - bit);
            int mask = (0xFF << (8 - bits)) & 0xFF;
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text, always with its prefix: {@code 192.0.2.7/32}, {@code 2001:db8::/32} (RFC 5952). */
    public String text() {
        if (network.length == 4) {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes always make an address", e);
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((network[2 * i] & 0xFF) << 8) | (network[2 * i + 1] & 0xFF);
        }
        // the longest run of two or more zero groups, the first of equal runs, becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out + "/" + prefix;
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    /**
     * The bytes of an address literal: 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6; empty for anything else. A zone
     * ({@code fe80::1%eth0}) and brackets ({@code [::1]}) are dropped, as servlet containers may report either.
     */
    public static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String a = text.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (!VALID.isValidInet4Address(a) && !VALID.isValidInet6Address(a)) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(a);
            return Optional.of(parsed.getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] masked(byte[] raw, int prefix) {
        byte[] out = raw.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }
}
