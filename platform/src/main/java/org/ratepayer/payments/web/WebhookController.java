package org.ratepayer.payments.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.ratepayer.payments.internal.webhooks.ProcessorWebhooks;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The processors' webhook endpoints, one per biller: {@code /webhooks/stripe/{biller GUID}} and
 * {@code /webhooks/sandbox/{biller GUID}} (docs/ach.md, "Webhooks"). No session, no CSRF token and no API key: the
 * event's signature under the biller's signing secret is the only proof of who sent it, and it is checked before
 * anything is read. The body is taken as the exact text that was signed. Not in the operator API's documentation:
 * only processors call it.
 */
@RestController
@Hidden
public class WebhookController {

    private final ProcessorWebhooks webhooks;

    public WebhookController(ProcessorWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/webhooks/{processor}/{billerKey}")
    public ResponseEntity<Object> receive(@PathVariable String processor, @PathVariable String billerKey,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature,
            @RequestBody(required = false) String payload) {
        ProcessorWebhooks.Answer a = webhooks.receive(processor, billerKey, signature, payload == null ? "" : payload);
        if (a.status() == 200) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("received", true, "outcome", a.outcome().name()));
        }
        Refusal.Kind kind = a.status() == 404 ? Refusal.Kind.NOT_FOUND : Refusal.Kind.INVALID;
        return ResponseEntity.status(a.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemWriter.refusal(kind, a.status() == 404 ? "not-found" : "bad-request", a.status() == 404 ? "Not found"
                        : "Bad request", "invalid_field", a.field(), a.detail(), Map.of()));
    }
}
