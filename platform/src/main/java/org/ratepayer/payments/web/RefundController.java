package org.ratepayer.payments.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.UUID;
import org.ratepayer.payments.PaymentRefunds;
import org.ratepayer.payments.Refund;
import org.ratepayer.payments.RefundHistory;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds and voids for the operator (docs/refunds.md, "API"). Operator only: a biller's API key is handed to IVRs,
 * kiosks and cashiering systems, none of which should be able to give money back; a biller's own people refund
 * from the biller portal, as administrators.
 */
@RestController
public class RefundController {

    private final PaymentRefunds refunds;

    public RefundController(PaymentRefunds refunds) {
        this.refunds = refunds;
    }

    /** What the operator sends: how much of the charge to give back, and why. */
    public record RefundRequest(BigDecimal amount, String reason) {
    }

    @PostMapping("/api/v1/billers/{bid}/payments/{guid}/refunds")
    @ApiResponse(responseCode = "201", description = "Sent to the processor: its answer is in status (APPROVED, DECLINED, ERROR, "
            + "or UNKNOWN when it did not answer in time: retry with the same Idempotency-Key)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Refund.class)))
    @ApiResponse(responseCode = "400", description = "A field or the Idempotency-Key is missing or malformed: nothing was refunded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "The biller has no such payment: nothing was refunded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Above what is left of the charge, a payment that was not approved, or "
            + "an Idempotency-Key used for another refund: nothing was refunded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Refund> refund(@PathVariable long bid, @PathVariable UUID guid, Caller caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey, @RequestBody RefundRequest request) {
        caller.requireOperator();
        return ResponseEntity.status(201).body(refunds.refund(bid, guid, request.amount(), request.reason(), idempotencyKey, "operator"));
    }

    @GetMapping("/api/v1/billers/{bid}/payments/{guid}/refunds")
    @ApiResponse(responseCode = "200", description = "The payment's refunds, oldest first, and what is left of it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RefundHistory.class)))
    @ApiResponse(responseCode = "404", description = "The biller has no such payment",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public RefundHistory refunds(@PathVariable long bid, @PathVariable UUID guid, Caller caller) {
        caller.requireOperator();
        return refunds.history(bid, guid).orElseThrow(() -> new NotFoundException("biller " + bid + " has no payment " + guid));
    }
}
