package org.ratepayer.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <operator token>} or {@code X-Api-Key: <biller key>}. A
 * credential that is present but wrong is refused at once with 401, rather than treated as anonymous.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final ApiKeyAuthenticator authenticator;
    private final ProblemWriter problems;

    ApiAuthenticationFilter(ApiKeyAuthenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader(API_KEY_HEADER);
        Optional<Caller> caller = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = authenticator.operator(authorization.substring(7).trim());
            if (caller.isEmpty()) {
                problems.write(response, 401, "invalid-credentials", "Invalid operator token",
                        "the bearer token is not this installation's operator token");
                return;
            }
        } else if (apiKey != null) {
            caller = authenticator.billerKey(apiKey);
            if (caller.isEmpty()) {
                problems.write(response, 401, "invalid-credentials", "Invalid API key",
                        "the X-Api-Key header does not hold a key valid in this environment");
                return;
            }
        }
        caller.ifPresent(c -> SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(c)));
        chain.doFilter(request, response);
    }
}
