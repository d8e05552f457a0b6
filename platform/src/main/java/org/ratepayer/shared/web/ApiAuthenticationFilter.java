package org.ratepayer.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.ratepayer.shared.net.AddressGate;
import org.ratepayer.shared.net.ClientAddresses;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <operator token>} or {@code X-Api-Key: <biller key>}. A
 * credential that is present but wrong is refused at once with 401, rather than treated as anonymous.
 * Wrong ones are throttled per client address: past the budget, 429 with Retry-After (docs/throttling.md). A right
 * biller key from an address its biller's IP allow-list leaves out gets 403 (docs/ip-allow-list.md).
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final CallerAuthenticator authenticator;
    private final ProblemWriter problems;
    private final Throttle throttle;
    private final ClientAddresses addresses;
    private final AddressGate gate;

    ApiAuthenticationFilter(CallerAuthenticator authenticator, ProblemWriter problems, Throttle throttle,
            ClientAddresses addresses, AddressGate gate) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.throttle = throttle;
        this.addresses = addresses;
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader(API_KEY_HEADER);
        Optional<Caller> caller = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // A person may have chosen the operator token, so it is never checked before the throttle.
            String token = authorization.substring(7).trim();
            Throttle.Outcome<Caller> outcome = throttle.operatorToken(request.getRemoteAddr(), () -> authenticator.operator(token));
            if (outcome.refused()) {
                slowDown(response, outcome.retryAfterSeconds());
                return;
            }
            caller = outcome.passed();
            if (caller.isEmpty()) {
                problems.write(response, 401, "invalid-credentials", "Invalid operator token",
                        "the bearer token is not this installation's operator token");
                return;
            }
        } else if (apiKey != null) {
            Throttle.Outcome<Caller> outcome = throttle.apiKey(request.getRemoteAddr(), () -> authenticator.billerKey(apiKey));
            if (outcome.refused()) {
                slowDown(response, outcome.retryAfterSeconds());
                return;
            }
            caller = outcome.passed();
            if (caller.isEmpty()) {
                problems.write(response, 401, "invalid-credentials", "Invalid API key",
                        "the X-Api-Key header does not hold a key valid in this environment");
                return;
            }
            // the biller's IP allow-list for this kind of key (docs/ip-allow-list.md); the operator has none
            try {
                gate.check(caller.get(), addresses.of(request));
            } catch (AddressGate.AddressNotAllowed e) {
                problems.write(response, 403, AddressGate.AddressNotAllowed.TYPE, AddressGate.AddressNotAllowed.TITLE, e.getMessage());
                return;
            }
        }
        caller.ifPresent(c -> SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(c)));
        chain.doFilter(request, response);
    }

    private void slowDown(HttpServletResponse response, long seconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(response, 429, TooManyAttempts.TYPE, TooManyAttempts.TITLE, TooManyAttempts.detail(seconds));
    }
}
