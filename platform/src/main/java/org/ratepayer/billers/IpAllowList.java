package org.ratepayer.billers;

import java.util.List;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;

/**
 * The addresses that may use one of a biller's keys (docs/ip-allow-list.md): CIDR ranges in canonical form; empty
 * means any address.
 */
public record IpAllowList(KeyKind keyKind, Environment environment, List<String> ranges) {

    public IpAllowList {
        ranges = List.copyOf(ranges);
    }
}
