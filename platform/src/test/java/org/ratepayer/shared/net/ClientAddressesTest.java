package org.ratepayer.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which address the allow-list judges: the peer, and X-Forwarded-For only as far as trusted proxies added to it. The
 * trusted proxies here are 10.0.0.0/8 and ::1.
 */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses("10.0.0.0/8, ::1");

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}]: {2}")
    @CsvSource(delimiter = '|', value = {
            // an untrusted peer: its own address, whatever it says it forwards
            "203.0.113.9  | 198.51.100.1               | 203.0.113.9",
            "127.0.0.1    | 198.51.100.1               | 127.0.0.1",
            "203.0.113.9  | ''                         | 203.0.113.9",
            // a trusted proxy: the right-most address that is not itself a trusted proxy
            "10.0.0.5     | 198.51.100.1               | 198.51.100.1",
            "10.0.0.5     | 192.0.2.66, 198.51.100.1   | 198.51.100.1",
            "10.0.0.5     | 198.51.100.1, 10.0.0.7     | 198.51.100.1",
            "::1          | 2001:db8::5                | 2001:db8::5",
            // a client that writes its own X-Forwarded-For behind the proxy gains nothing: the proxy appends the real one
            "10.0.0.5     | 10.9.9.9, 198.51.100.1     | 198.51.100.1",
            // nothing forwarded: the proxy itself
            "10.0.0.5     | ''                         | 10.0.0.5",
            // only trusted proxies in the chain: the first of them
            "10.0.0.5     | 10.0.0.9, 10.0.0.7         | 10.0.0.9",
            // what a trusted proxy cannot have written is no address, and matches no range
            "10.0.0.5     | unknown                    | unreadable",
            "10.0.0.5     | 198.51.100.1, garbage      | unreadable",
    })
    void resolves(String peer, String forwarded, String client) {
        List<String> headers = forwarded.isEmpty() ? List.of() : List.of(forwarded);
        assertThat(addresses.resolve(peer, headers)).isEqualTo(client);
    }

    @Test
    void severalHeadersAreOneChainInOrder() {
        assertThat(addresses.resolve("10.0.0.5", Arrays.asList("192.0.2.66", "198.51.100.1, 10.0.0.7"))).isEqualTo("198.51.100.1");
    }

    @Test
    void withNoTrustedProxiesTheHeaderIsNeverRead() {
        ClientAddresses none = new ClientAddresses("");
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.5");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        assertThat(none.of(request)).isEqualTo("10.0.0.5");
    }

    @Test
    void thePeerAttributeWinsOverARewrittenRemoteAddr() {
        // server.forward-headers-strategy=native has already replaced getRemoteAddr() from the header
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("198.51.100.1");
        request.setAttribute(PeerAddressConfiguration.PEER_ADDRESS, "127.0.0.1");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        assertThat(addresses.of(request)).isEqualTo("127.0.0.1");
    }

    @Test
    void aWrongTrustedProxyStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/8 proxy.example.org"))
                .hasMessageContaining("ratepayer.trusted-proxies: 'proxy.example.org' is not an IPv4 or IPv6 address");
    }
}
