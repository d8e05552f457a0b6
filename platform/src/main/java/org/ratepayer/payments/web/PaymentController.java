package org.ratepayer.payments.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.payments.internal.ApiChannel;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.payments.PaymentRequest;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;
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
    private final PaymentAnswers answers;

    public PaymentController(PaymentService payments, PaymentAnswers answers) {
        this.payments = payments;
        this.answers = answers;
    }

    /**
     * What an IVR, kiosk, dialer or cashiering system sends. Its channel becomes a payment's only through
     * {@link ApiChannel}, so a caller cannot name the channels of the platform's own paths.
     */
    public record ChannelPayment(String channel, String accountNumber, String invoiceNumber, BigDecimal amount,
            CardDetails card, BankDetails bank, String methodToken, String kioskId, String payerEmail) {
    }

    @PostMapping("/api/v1/billers/{bid}/payments")
    @ApiResponse(responseCode = "201", description = "Taken: the processor's outcome is in status (APPROVED, DECLINED, ERROR or UNKNOWN)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentAnswer.class)))
    @ApiResponse(responseCode = "400", description = "A field is missing or malformed: nothing was charged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "The biller has no such account: nothing was charged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The fee changed, or a payment under this key is still in progress",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The biller's rules do not allow this payment: nothing was charged",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Object> pay(@PathVariable long bid, Caller caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody ChannelPayment request) {
        caller.actFor(bid, KeyKind.API);
        Optional<ApiChannel> channel = ApiChannel.parse(request.channel());
        PaymentOutcome outcome = channel.isEmpty()
                ? PaymentOutcome.Refused.invalid("channel", "must be one of " + ApiChannel.ALLOWED)
                : payments.submit(bid, idempotencyKey, new PaymentRequest(channel.get().channel(), request.accountNumber(),
                        request.invoiceNumber(), request.amount(), request.card(), request.bank(), request.methodToken(),
                        request.kioskId(), request.payerEmail()));
        return answers.response(outcome);
    }

    @GetMapping("/api/v1/billers/{bid}/payments/{guid}")
    public PaymentView get(@PathVariable long bid, @PathVariable UUID guid, Caller caller) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        return payments.find(bid, guid).map(PaymentView::of)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no payment " + guid));
    }
}
