package org.ratepayer.payments.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.ratepayer.billers.Biller;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.checkout.CardEntry;
import org.ratepayer.payments.checkout.HostedFieldsCsp;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.shared.web.SecurityConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages with the {@code pay/fragments :: method-fields} fragment (the payment page, Pay Now, the portal's pay page
 * and its "add a method"), in one place rather than in each controller: after the controller and before the page is
 * rendered, the biller's {@link CardEntry} goes into the model (the fragment shows the processor's hosted fields or,
 * under DIRECT, card fields) and the page's Content-Security-Policy gets exactly the processor's sources
 * (docs/hosted-fields.md). Pay Now's own policy (its partners' frame-ancestors and style sources) is extended, not
 * replaced.
 */
@Component
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HostedFieldsPages implements HandlerInterceptor, WebMvcConfigurer {

    /** The views that render the method fields. */
    static final Set<String> VIEWS = Set.of("pay/account", "paynow/page", "portal/pay", "portal/wallet-new");
    static final String CSP = "Content-Security-Policy";

    private final PaymentService payments;

    HostedFieldsPages(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null || mav.getViewName() == null || !VIEWS.contains(mav.getViewName())
                || !(mav.getModel().get("biller") instanceof Biller biller)) {
            return;
        }
        CardEntry entry = payments.cardEntry(biller.bid());
        mav.addObject("cardEntry", entry);
        if (entry.fields() == null || "invoices".equals(mav.getModel().get("step"))) {
            return;
        }
        String policy = response.getHeader(CSP);
        response.setHeader(CSP, HostedFieldsCsp.extend(policy != null ? policy : SecurityConfiguration.SITE_CSP, entry.fields()));
    }

    /** A card or bank number posted where only hosted fields' tokens are taken: 400, and nothing was stored. */
    @ExceptionHandler(PaymentMethodForm.CardNumbersNotTaken.class)
    ModelAndView cardNumbersNotTaken(PaymentMethodForm.CardNumbersNotTaken e) {
        return new ModelAndView("error", Map.of("status", 400, "refusal", "Card and bank numbers are taken only in the payment "
                + "processor's secure fields on this page. Nothing was stored or charged; go back and enter them there."),
                HttpStatus.BAD_REQUEST);
    }
}
