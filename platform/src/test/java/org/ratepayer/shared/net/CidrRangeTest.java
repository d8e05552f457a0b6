package org.ratepayer.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a written range holds, and which written ranges are refused and why. */
class CidrRangeTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // IPv4 blocks
            "203.0.113.0/24     | 203.0.113.0            | true",
            "203.0.113.0/24     | 203.0.113.255          | true",
            "203.0.113.0/24     | 203.0.114.0            | false",
            "203.0.113.0/24     | 203.0.112.255          | false",
            "10.0.0.0/8         | 10.255.1.2             | true",
            "10.0.0.0/8         | 11.0.0.1               | false",
            "192.0.2.128/25     | 192.0.2.129            | true",
            "192.0.2.128/25     | 192.0.2.127            | false",
            "192.0.2.16/28      | 192.0.2.31             | true",
            "192.0.2.16/28      | 192.0.2.32             | false",
            // a single address is its own /32 and /128
            "198.51.100.7       | 198.51.100.7           | true",
            "198.51.100.7       | 198.51.100.8           | false",
            "198.51.100.7/32    | 198.51.100.7           | true",
            "2001:db8::7        | 2001:db8::7            | true",
            "2001:db8::7        | 2001:db8::8            | false",
            "2001:db8::7/128    | 2001:0db8:0:0:0:0:0:7  | true",
            // /0 holds every address of its family, and only of its family
            "0.0.0.0/0          | 198.51.100.7           | true",
            "0.0.0.0/0          | 2001:db8::1            | false",
            "::/0               | 2001:db8::1            | true",
            "::/0               | 198.51.100.7           | false",
            // IPv6 blocks
            "2001:db8::/32      | 2001:db8:ffff::1       | true",
            "2001:db8::/32      | 2001:db9::1            | false",
            "2001:db8:1:2::/64  | 2001:db8:1:2:ffff::1   | true",
            "2001:db8:1:2::/64  | 2001:db8:1:3::1        | false",
            "2001:db8::/33      | 2001:db8:7fff::1       | true",
            "2001:db8::/33      | 2001:db8:8000::1       | false",
            // how a container may report the client: brackets, a zone, an IPv4 client on a dual-stack socket
            "2001:db8::/32      | [2001:db8::1]          | true",
            "fe80::/10          | fe80::1%eth0           | true",
            "203.0.113.0/24     | ::ffff:203.0.113.9     | true",
            "::ffff:203.0.113.0/120 | 203.0.113.9        | true",
            "::ffff:203.0.113.0/120 | 203.0.114.9        | false",
            // what is not an address is held by no range, and never looked up in DNS
            "0.0.0.0/0          | example.org            | false",
            "0.0.0.0/0          | unknown                | false",
            "0.0.0.0/0          | ''                     | false",
            "0.0.0.0/0          | 999.1.1.1              | false",
    })
    void holds(String range, String address, boolean held) {
        assertThat(CidrRange.parse(range).contains(address)).isEqualTo(held);
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource(delimiter = '|', value = {
            "' 203.0.113.0/24 '  | 203.0.113.0/24",
            "198.51.100.7        | 198.51.100.7/32",
            "2001:DB8::/32       | 2001:db8::/32",
            "::1                 | ::1/128",
            "::/0                | ::/0",
            "2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1/128",
            "2001:0:0:1:0:0:0:1  | 2001:0:0:1::1/128",
            "2001:db8:1:2:3:4:5:6 | 2001:db8:1:2:3:4:5:6/128",
            "2001:db8:0:1:2:3:4:5 | 2001:db8:0:1:2:3:4:5/128",
            "fe80::/10           | fe80::/10",
            "0.0.0.0/0           | 0.0.0.0/0",
            "::ffff:10.0.0.0/104 | 10.0.0.0/8",
    })
    void canonical(String written, String canonical) {
        assertThat(CidrRange.parse(written).text()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                  | is empty",
            "example.org         | is not an IPv4 or IPv6 address",
            "203.0.113.0/33      | the prefix length must be at most 32",
            "2001:db8::/129      | the prefix length must be at most 128",
            "203.0.113.0/-1      | must be a number",
            "203.0.113.0/        | must be a number",
            "203.0.113.0/24/8    | must be a number",
            "203.0.113/24        | is not an IPv4 or IPv6 address",
            "256.0.0.0/8         | is not an IPv4 or IPv6 address",
            "203.0.113.7/24      | has address bits set past its prefix; the range starts at 203.0.113.0/24",
            "2001:db8::1/32      | the range starts at 2001:db8::/32",
            "::ffff:10.0.0.0/64  | an IPv4-mapped range needs a prefix of at least 96",
            "fe80::1%eth0        | is not an IPv4 or IPv6 address",
    })
    void refused(String written, String why) {
        assertThatThrownBy(() -> CidrRange.parse(written)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
