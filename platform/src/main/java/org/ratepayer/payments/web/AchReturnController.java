package org.ratepayer.payments.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.ratepayer.payments.AchReturn;
import org.ratepayer.payments.AchReturns;
import org.ratepayer.payments.ProcessorEvents;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Returned bank payments for the operator (docs/ach.md, "Returns for staff"): the list staff work from, and the mark
 * that one was reversed in the CIS by hand; and the webhook events that named no payment. Operator only, like refunds.
 */
@RestController
public class AchReturnController {

    private final AchReturns returns;
    private final ProcessorEvents events;

    public AchReturnController(AchReturns returns, ProcessorEvents events) {
        this.returns = returns;
        this.events = events;
    }

    @GetMapping("/api/v1/billers/{bid}/webhook-events")
    @ApiResponse(responseCode = "200", description = "The processors' webhook events of the biller with this outcome, newest "
            + "first, at most 200: by default those that named no payment of the biller (UNKNOWN_PAYMENT)")
    @ApiResponse(responseCode = "400", description = "outcome is not one of APPLIED, NO_CHANGE, UNKNOWN_PAYMENT, IGNORED",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public List<ProcessorEvents.ProcessorEvent> webhookEvents(@PathVariable long bid, Caller caller,
            @RequestParam(defaultValue = "UNKNOWN_PAYMENT") String outcome) {
        caller.requireOperator();
        if (!ProcessorEvents.OUTCOMES.contains(outcome)) {
            throw new BadRequestException("outcome", String.join(", ", ProcessorEvents.OUTCOMES));
        }
        return events.list(bid, outcome, 200);
    }

    @GetMapping("/api/v1/billers/{bid}/ach-returns")
    @ApiResponse(responseCode = "200", description = "The biller's returned bank payments, oldest return first: open (not yet "
            + "reversed in the CIS, the default) or reversed")
    @ApiResponse(responseCode = "400", description = "status is neither open nor reversed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public List<AchReturn> list(@PathVariable long bid, Caller caller, @RequestParam(defaultValue = "open") String status) {
        caller.requireOperator();
        return switch (status) {
            case "open" -> returns.list(bid, false);
            case "reversed" -> returns.list(bid, true);
            default -> throw new BadRequestException("status", "open or reversed");
        };
    }

    @PostMapping("/api/v1/billers/{bid}/ach-returns/{guid}/reversed")
    @ApiResponse(responseCode = "200", description = "Marked reversed in the CIS now (or before: then nothing changed, and "
            + "reversedBy names who marked it)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AchReturn.class)))
    @ApiResponse(responseCode = "404", description = "The biller has no returned payment of this GUID",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<AchReturn> reversed(@PathVariable long bid, @PathVariable UUID guid, Caller caller) {
        caller.requireOperator();
        AchReturns.Marking m = returns.markReversed(bid, guid, "operator");
        if (m.marked() == AchReturns.Marked.NOT_FOUND) {
            throw new NotFoundException("biller " + bid + " has no returned payment " + guid);
        }
        return ResponseEntity.ok(m.ret());
    }
}
