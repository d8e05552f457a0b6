package org.ratepayer.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.billers.KeyKind;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The channel payment API for IVR, kiosks, outbound dialers and cashiering systems (SPEC C6). */
@RestController
public class PaymentController {

    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping("/api/v1/billers/{bid}/payments")
    public ResponseEntity<Map<String, Object>> pay(@PathVariable long bid, Caller caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody PaymentRequest request) {
        caller.actFor(bid, KeyKind.API);
        PaymentService.Answer answer = payments.submit(bid, idempotencyKey, request);
        return ResponseEntity.status(answer.status())
                .header("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json")
                .body(answer.body());
    }

    @GetMapping("/api/v1/billers/{bid}/payments/{guid}")
    public Map<String, Object> get(@PathVariable long bid, @PathVariable UUID guid, Caller caller) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        Payment p = payments.find(bid, guid).orElseThrow(() -> new NotFoundException("biller " + bid + " has no payment " + guid));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentGuid", p.guid());
        body.put("status", p.status().name());
        body.put("approvalCode", p.approvalCode());
        body.put("amount", p.amount());
        body.put("fee", p.fee());
        body.put("method", p.method().name());
        body.put("brand", p.brand());
        body.put("last4", p.last4());
        body.put("channel", p.channel().name());
        body.put("accountNumber", p.accountNumber());
        body.put("invoiceNumber", p.invoiceNumber());
        body.put("kioskId", p.kioskId());
        body.put("message", p.gatewayMessage());
        body.put("createdAt", p.createdAt());
        return body;
    }
}
