package org.ratepayer.payments.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.payments.internal.ApiChannel;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The channel payment API for IVR, kiosks, outbound dialers and cashiering systems (docs/payments.md). */
@RestController
public class PaymentController {

    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /**
     * What an IVR, kiosk, dialer or cashiering system sends. Its channel becomes a payment's only through
     * {@link ApiChannel}, so a caller cannot name the channels of the platform's own paths.
     */
    public record ChannelPayment(String channel, String accountNumber, String invoiceNumber, BigDecimal amount,
            CardDetails card, BankDetails bank, String methodToken, String kioskId, String payerEmail) {
    }

    @PostMapping("/api/v1/billers/{bid}/payments")
    public ResponseEntity<Map<String, Object>> pay(@PathVariable long bid, Caller caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody ChannelPayment request) {
        caller.actFor(bid, KeyKind.API);
        Optional<ApiChannel> channel = ApiChannel.parse(request.channel());
        PaymentOutcome outcome = channel.isEmpty()
                ? PaymentOutcome.Refused.invalid("channel", "must be one of " + ApiChannel.ALLOWED)
                : payments.submit(bid, idempotencyKey, new PaymentRequest(channel.get().channel(), request.accountNumber(),
                        request.invoiceNumber(), request.amount(), request.card(), request.bank(), request.methodToken(),
                        request.kioskId(), request.payerEmail()));
        return PaymentAnswers.response(outcome);
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
