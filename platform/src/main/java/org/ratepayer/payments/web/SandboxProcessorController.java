package org.ratepayer.payments.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.billers.AllowedOrigins;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.checkout.PaymentMethodForm;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.ratepayer.payments.gateway.SandboxGateway;
import org.ratepayer.payments.internal.sandbox.SandboxFieldsOrigin;
import org.ratepayer.payments.internal.sandbox.SandboxKeys;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.throttle.Throttle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sandbox processor's browser side, served only on its own origin (docs/hosted-fields.md): the fields page a
 * payment page frames, and the token endpoint that page posts the details to. It stands in for Stripe's and
 * Authorize.Net's: the details go from the frame to the processor and only a token goes back to the page, by
 * {@code postMessage} to the platform's origin. Card numbers are checked and tokenized as the sandbox always did
 * ({@link PaymentMethodChecks}, {@link SandboxGateway}); they are never logged or stored, only the token, brand and
 * last four.
 */
@Controller
@ConditionalOnWebApplication // its origin is a connector of the web server: the command line has none
@io.swagger.v3.oas.annotations.Hidden // the sandbox processor's own endpoints, not Ratepayer's API
class SandboxProcessorController {

    private final SandboxGateway sandbox;
    private final SandboxKeys keys;
    private final BillerService billers;
    private final SandboxFieldsOrigin origin;
    private final PublicUrl publicUrl;
    private final Clock clock;

    private final boolean loopbackPartners;
    private final Throttle throttle;

    SandboxProcessorController(SandboxGateway sandbox, SandboxKeys keys, BillerService billers, SandboxFieldsOrigin origin,
            PublicUrl publicUrl, Clock clock, Throttle throttle,
            @org.springframework.beans.factory.annotation.Value("${ratepayer.pay-now.loopback-http:false}") boolean loopbackPartners) {
        this.throttle = throttle;
        this.loopbackPartners = loopbackPartners;
        this.sandbox = sandbox;
        this.keys = keys;
        this.billers = billers;
        this.origin = origin;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The platform's origin: the only parent the fields talk to, and the only one that may frame them. */
    private String parentOrigin() {
        return SandboxFieldsOrigin.originOf(publicUrl.base());
    }

    /**
     * Who may frame the fields: the platform's pages, and, since frame-ancestors holds for every ancestor, the biller's
     * Pay Now partners whose portals frame the Pay Now page (setting 1003; on a demo, this machine's http too, as
     * ratepayer.pay-now.loopback-http allows for the Pay Now page itself).
     */
    String frameAncestors(Optional<Long> bid) {
        StringBuilder sources = new StringBuilder(parentOrigin());
        bid.flatMap(b -> billers.cachedConfig(b).setting(ConfigCatalogue.SET_PAYNOW_ORIGINS)).map(AllowedOrigins::parse)
                .ifPresent(origins -> origins.origins().forEach(o -> sources.append(' ').append(o.source())));
        if (loopbackPartners) {
            sources.append(" http://localhost:* http://127.0.0.1:* https://localhost:* https://127.0.0.1:*");
        }
        return sources.toString();
    }

    @GetMapping("/sandbox-processor/fields")
    String fields(@RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "CARD") String method,
            HttpServletResponse response, Model model) {
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                + "form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors " + frameAncestors(keys.biller(key)));
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("key", key);
        model.addAttribute("method", "ACH".equals(method) ? "ACH" : "CARD");
        model.addAttribute("parentOrigin", parentOrigin());
        return "sandbox/fields";
    }

    /** What the fields page posts: the biller's publishable key and the details typed in the frame. */
    record FieldsTokenRequest(String key, String method, String cardNumber, String expMonth, String expYear, String cvv,
            String postalCode, String routingNumber, String bankAccountNumber, String accountType) {
        @Override
        public String toString() {
            return "FieldsTokenRequest[" + method + "]";
        }
    }

    @PostMapping(path = "/sandbox-processor/tokens", consumes = "application/json", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> token(@RequestBody FieldsTokenRequest r, HttpServletRequest request) {
        // same-origin only: the frame's own fetch sends its origin; a page elsewhere cannot have tokens made
        if (!origin.origin().equals(request.getHeader("Origin"))) {
            return ResponseEntity.status(403).cacheControl(CacheControl.noStore()).body(Map.of("error", "Not allowed."));
        }
        Optional<Long> bid = keys.biller(r.key()).filter(b -> ConfigCatalogue.PROCESSOR_SANDBOX.equals(
                billers.cachedConfig(b).setting(ConfigCatalogue.SET_PAYMENT_PROCESSOR).orElse(ConfigCatalogue.PROCESSOR_SANDBOX)));
        if (bid.isEmpty()) {
            return refused("This payment form is not set up correctly. Please contact the biller.");
        }
        // a refused number spends a token of the address's budget, a tokenized one gives it back (docs/hosted-fields.md)
        String[] refusal = new String[1];
        Throttle.Outcome<Map<String, Object>> made = throttle.hostedFields(request.getRemoteAddr(), () -> {
            try {
                return Optional.of(tokenize(bid.get(), r));
            } catch (InvalidPaymentMethodException e) {
                refusal[0] = PaymentMethodForm.friendly(e);
                return Optional.empty();
            }
        });
        if (made.refused()) {
            return ResponseEntity.status(429).header("Retry-After", String.valueOf(made.retryAfterSeconds()))
                    .cacheControl(CacheControl.noStore()).body(Map.of("error", "Too many attempts. Wait a few minutes, then try again."));
        }
        return made.passed().map(body -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body))
                .orElseGet(() -> refused(refusal[0]));
    }

    /** The details checked and tokenized as the sandbox always did; only the token, brand, last four and expiry answered. */
    private Map<String, Object> tokenize(long bid, FieldsTokenRequest r) {
        PaymentGateway.Tokenized t;
        if ("ACH".equals(r.method())) {
            t = sandbox.tokenizeBank(bid, PaymentMethodChecks.bank(new BankDetails(r.routingNumber(), r.bankAccountNumber(),
                    r.accountType())));
            return Map.of("token", t.token(), "brand", t.brand(), "last4", t.last4());
        }
        CardDetails card = new CardDetails(r.cardNumber(), PaymentMethodForm.integer(r.expMonth()), PaymentMethodForm.integer(r.expYear()),
                r.cvv(), r.postalCode());
        t = sandbox.tokenizeCard(bid, PaymentMethodChecks.card(card, YearMonth.now(clock)), card);
        return Map.of("token", t.token(), "brand", t.brand(), "last4", t.last4(), "expMonth", card.expMonth(), "expYear", card.expYear());
    }

    private static ResponseEntity<Map<String, Object>> refused(String words) {
        return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(Map.of("error", words));
    }
}
