package org.ratepayer.payments.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.AllowedOrigins;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.sandbox.SandboxFieldsOrigin;
import org.ratepayer.payments.internal.stripe.StripeGateway;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one call a page with Stripe's bank form makes to the platform (docs/processors.md, "Bank accounts at Stripe"): a
 * SetupIntent for the bank account the payer is about to enter, answered with its client secret only.
 * <p>
 * Keyed by the biller's public GUID, like the webhooks, and taken without a session or CSRF token (the Pay Now page is
 * framed by a partner, where the platform's cookies may not reach): what guards it is the {@code Origin} header, which a
 * browser sets and a page cannot forge, so only the platform's own pages and the biller's Pay Now partners (setting 1003)
 * get an answer, and the throttle, since each call is a call to the biller's Stripe account: every SetupIntent spends one
 * of the client address's tries, as a refused number does at the sandbox's token endpoint. The client secret is never
 * logged.
 */
@RestController
@Hidden // the pages' own call, not the operator API
class StripeBankSetupController {

    private static final Logger log = LoggerFactory.getLogger(StripeBankSetupController.class);

    /** Where a page asks for a SetupIntent: {@code /hosted-fields/stripe/{biller GUID}/setup-intent}. */
    static final String PATH = "/hosted-fields/stripe/{billerKey}/setup-intent";

    private final BillerService billers;
    private final StripeGateway stripe;
    private final PublicUrl publicUrl;
    private final Throttle throttle;

    StripeBankSetupController(BillerService billers, StripeGateway stripe, PublicUrl publicUrl, Throttle throttle) {
        this.billers = billers;
        this.stripe = stripe;
        this.publicUrl = publicUrl;
        this.throttle = throttle;
    }

    /**
     * @param save whether the payer saves the bank account (the wallet, "save this payment method"): it then gets a Customer
     *             and {@code usage=off_session}
     */
    @PostMapping(path = PATH, produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Object> setupIntent(@PathVariable String billerKey, @RequestParam(defaultValue = "false") boolean save,
            HttpServletRequest request) {
        Optional<Biller> biller = guid(billerKey).flatMap(billers::findByGuid)
                .filter(b -> ConfigCatalogue.PROCESSOR_STRIPE.equalsIgnoreCase(billers.cachedConfig(b.bid())
                        .setting(ConfigCatalogue.SET_PAYMENT_PROCESSOR).orElse(ConfigCatalogue.PROCESSOR_SANDBOX)));
        if (biller.isEmpty()) {
            return problem(ProblemWriter.refusal(Refusal.Kind.NOT_FOUND, "not-found", "Not found", "invalid_field", "billerKey",
                    "billerKey: no biller taking bank accounts at Stripe has this key", Map.of()), null);
        }
        long bid = biller.get().bid();
        String origin = request.getHeader("Origin");
        Optional<String> allowed = allowedOrigin(bid, origin);
        if (allowed.isEmpty()) {
            ProblemDetail p = ProblemWriter.problem(403, "forbidden", "Forbidden",
                    "Origin: only the biller's own payment pages may set up a bank account here");
            p.setProperty("field", "Origin");
            return problem(p, null);
        }
        String partner = allowed.get().equals(ownOrigin()) ? null : allowed.get();
        String[] secret = new String[1];
        Throttle.Outcome<Boolean> made;
        try {
            // spent whatever Stripe answers (Optional.empty() never gives the try back): each call reaches the biller's account
            made = throttle.hostedFields(request.getRemoteAddr(), () -> {
                secret[0] = stripe.bankSetupIntent(bid, save);
                return Optional.empty();
            });
        } catch (PaymentGateway.GatewayTimeoutException | PaymentGateway.GatewayUnavailableException
                | StripeGateway.StripeRefusedException | IllegalStateException e) {
            log.warn("biller {}: no Stripe SetupIntent for a page: {}", bid, e.getMessage());
            return problem(ProblemWriter.refusal(Refusal.Kind.UNAVAILABLE, "processor-unavailable", "Payment processor unavailable",
                    "processor_unavailable", null, "the payment processor did not answer; try again", Map.of()), partner);
        }
        if (made.refused()) {
            ProblemDetail p = ProblemWriter.problem(429, "too-many-requests", "Too many requests",
                    "too many bank account set-ups from this address; wait, then try again");
            return ResponseEntity.status(429).header("Retry-After", String.valueOf(made.retryAfterSeconds()))
                    .headers(h -> cors(h, partner)).cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(p);
        }
        return ResponseEntity.ok().headers(h -> cors(h, partner)).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("clientSecret", secret[0]));
    }

    /** The request's origin if it may have an answer: the platform's own, or one of the biller's Pay Now partners'. */
    private Optional<String> allowedOrigin(long bid, String origin) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return Optional.empty();
        }
        if (origin.equals(ownOrigin())) {
            return Optional.of(origin);
        }
        try {
            URI uri = URI.create(origin);
            boolean partner = billers.cachedConfig(bid).setting(ConfigCatalogue.SET_PAYNOW_ORIGINS).map(AllowedOrigins::parse)
                    .map(o -> o.allows(uri)).orElse(false);
            return partner ? Optional.of(origin) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String ownOrigin() {
        return SandboxFieldsOrigin.originOf(publicUrl.base());
    }

    /** A partner's page reads the answer only if it names its origin; the platform's own needs nothing. */
    private static void cors(org.springframework.http.HttpHeaders h, String partner) {
        if (partner != null) {
            h.set("Access-Control-Allow-Origin", partner);
            h.set("Vary", "Origin");
        }
    }

    private static ResponseEntity<Object> problem(ProblemDetail p, String partner) {
        return ResponseEntity.status(p.getStatus()).headers(h -> cors(h, partner)).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static Optional<UUID> guid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
