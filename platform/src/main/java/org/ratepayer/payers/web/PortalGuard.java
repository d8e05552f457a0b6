package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payers.PayerRules;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.shared.web.PayerPage;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Portal pages that take a {@link SignedInPayer} get the payer signed in to the biller of their path
 * ({@code /portal/{bid}/…}); when nobody is, the visitor is sent to sign in and brought back afterwards, or, when the
 * biller names its own portal as where payers sign in (setting 3), there (docs/payers.md). Page controllers of other
 * modules marked {@link PayerPage} that take a payer (the email history, docs/payers-self-service.md) are answered alike.
 */
@Component
@ControllerAdvice(basePackageClasses = PortalGuard.class, annotations = PayerPage.class)
class PortalGuard implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final BillerService billers;

    PortalGuard(BillerService billers) {
        this.billers = billers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInPayer.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
            WebDataBinderFactory binders) {
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        long bid = Long.parseLong(path.get("bid"));
        // From the short-lived cache: every portal request passes here (docs/benchmarks.md).
        billers.cachedBiller(bid);
        String query = request.getQueryString();
        String here = request.getRequestURI() + (query == null ? "" : "?" + query);
        return PortalSession.current(request, bid).orElseThrow(() -> new PortalSignInRequired(bid,
                "GET".equals(request.getMethod()) ? PayerRules.safeTarget(bid, here) : PayerRules.home(bid)));
    }

    @ExceptionHandler(PortalSignInRequired.class)
    String signInFirst(PortalSignInRequired e) {
        return billers.cachedConfig(e.bid()).setting(ConfigCatalogue.SET_SSO_LOGIN_URL).filter(url -> !url.isBlank())
                .map(url -> "redirect:" + url)
                .orElseGet(() -> "redirect:" + UriComponentsBuilder.fromPath(PayerRules.home(e.bid()) + "/sign-in")
                        .queryParam("next", e.returnTo()).encode().build().toUriString());
    }
}
