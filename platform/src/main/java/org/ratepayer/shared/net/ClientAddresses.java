package org.ratepayer.shared.net;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address a request came from, as the IP allow-lists judge it (docs/ip-allow-list.md): the TCP peer; behind a
 * reverse proxy, {@code X-Forwarded-For} is believed only when the peer is one of {@code ratepayer.trusted-proxies},
 * and then only as far as the chain of trusted proxies goes (the right-most address that is not itself a trusted
 * proxy). The peer is read from {@link PeerAddressConfiguration}'s attribute, which holds the connection's address even
 * where {@code server.forward-headers-strategy=native} has already rewritten {@code getRemoteAddr()} from the header
 * (Tomcat trusts every private range by default, and the allow-list must not).
 */
@Component
public class ClientAddresses {

    /** What a forwarded chain holding a malformed entry resolves to: an address no range contains. */
    static final String UNREADABLE = "unreadable";

    private final List<CidrRange> trustedProxies;

    public ClientAddresses(@Value("${ratepayer.trusted-proxies:}") String trustedProxies) {
        this.trustedProxies = parse(trustedProxies);
    }

    static List<CidrRange> parse(String text) {
        List<CidrRange> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.strip().split("[\\s,]+")) {
            try {
                out.add(CidrRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ratepayer.trusted-proxies: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    public String of(HttpServletRequest request) {
        if (request == null) {
            return UNREADABLE;
        }
        Object peer = request.getAttribute(PeerAddressConfiguration.PEER_ADDRESS);
        Object chain = request.getAttribute(PeerAddressConfiguration.FORWARDED_FOR);
        List<String> forwarded = new ArrayList<>();
        if (chain instanceof List<?> headers) {
            headers.forEach(h -> forwarded.add(String.valueOf(h)));
        } else {
            forwarded.addAll(Collections.list(request.getHeaders("X-Forwarded-For")));
        }
        return resolve(peer instanceof String s ? s : request.getRemoteAddr(), forwarded);
    }

    /** @param forwardedFor every X-Forwarded-For header as sent, in order */
    String resolve(String peer, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (CidrRange.address(hop).isEmpty()) {
                return UNREADABLE;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        return trustedProxies.stream().anyMatch(r -> r.contains(address));
    }
}
