package org.ratepayer.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's default (XOR-masked) CSRF token handling, except that a submitted token which
 * unmasks to bytes that are not UTF-8 counts as a wrong token: the expired-session page (403), where
 * the default handler throws and the payer sees a 500.
 */
final class DamagedTokenTolerantCsrfHandler implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        delegate.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        try {
            return delegate.resolveCsrfTokenValue(request, token);
        } catch (IllegalArgumentException damaged) {
            return null;
        }
    }
}
