package org.ratepayer.shared.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses count as one client: IPv4 as it is, IPv6 by its /64, anything else by its text. */
class ClientAddressTest {

    @ParameterizedTest(name = "[{0}] counts as {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7                 | 203.0.113.7",
            "' 203.0.113.7 '             | 203.0.113.7",
            "2001:db8:1:2:3:4:5:6        | 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:2::ffff          | 2001:db8:1:2:0:0:0:0/64",
            "2001:DB8:1:2::1             | 2001:db8:1:2:0:0:0:0/64",
            "[2001:db8:1:2::1]           | 2001:db8:1:2:0:0:0:0/64",
            "2001:db8:1:3::1             | 2001:db8:1:3:0:0:0:0/64",
            "fe80::1%eth0                | fe80:0:0:0:0:0:0:0/64",
            "::ffff:203.0.113.7          | 203.0.113.7",
            "0:0:0:0:0:0:0:1             | 0:0:0:0:0:0:0:0/64",
            // not an address (a proxy's 'unknown', a name): counted by its text, and never looked up in DNS
            "unknown                     | unknown",
            "Example.COM                 | example.com",
            "''                          | ''",
    })
    void oneClientOneBudget(String remoteAddr, String expected) {
        assertThat(ClientAddress.of(remoteAddr)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void noAddressAtAllIsOneClientToo() {
        assertThat(ClientAddress.of(null)).isEmpty();
    }
}
