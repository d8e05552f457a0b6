package org.ratepayer.shared.net;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code getRemoteAddr()} answer the client as {@link ClientAddresses} judges it, for everything after this filter:
 * throttling budgets, the Pay Now postback's RemoteIP, ACH authorizations, sign-in records. One rule for every use of the
 * client's address, so a forwarded address counts only when a trusted proxy forwarded it (docs/throttling.md), and never
 * because Tomcat's own forwarded-headers valve trusts every private range.
 */
public class ClientAddressFilter extends OncePerRequestFilter {

    private final ClientAddresses addresses;

    public ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = addresses.of(request);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
