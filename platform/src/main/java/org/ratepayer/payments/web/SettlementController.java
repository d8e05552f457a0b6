package org.ratepayer.payments.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.ratepayer.payments.settlement.Mismatch;
import org.ratepayer.payments.settlement.SettlementResult;
import org.ratepayer.payments.settlement.Settlements;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.shared.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daily settlement (docs/settlement.md): the operator runs a day's settlement by hand (the schedule runs it every
 * morning); the operator and the biller's API key read a settled day.
 */
@RestController
@RequestMapping("/api/v1/billers/{bid}/settlements")
public class SettlementController {

    private final Settlements settlements;

    public SettlementController(Settlements settlements) {
        this.settlements = settlements;
    }

    /** The day to settle, {@code yyyy-MM-dd}: the day the processor funded. */
    public record SettlementRequest(String date) {
    }

    /** One disagreement between the payments here and what the processor funded. */
    public record MismatchView(String kind, UUID paymentGuid, BigDecimal ourAmount, BigDecimal theirAmount, String reference) {
        static MismatchView of(Mismatch m) {
            return new MismatchView(m.kind().name(), m.paymentGuid(), m.ourAmount(), m.theirAmount(), m.reference());
        }
    }

    /** A settled day: what the processor funded, the payments here it settled, and the mismatches. */
    public record SettlementView(long billerId, LocalDate date, LocalDate businessDate, int fundedCount, BigDecimal fundedTotal,
            int settledCount, BigDecimal settledTotal, List<MismatchView> mismatches, OffsetDateTime ranAt, String ranBy) {
        static SettlementView of(SettlementResult r) {
            return new SettlementView(r.billerId(), r.day(), r.day().minusDays(1), r.fundedCount(), r.fundedTotal(), r.settledCount(),
                    r.settledTotal(), r.mismatches().stream().map(MismatchView::of).toList(), r.ranAt(), r.ranBy());
        }
    }

    /** Settles the day now, or answers how it was settled: a rerun changes nothing. */
    @PostMapping
    public SettlementView settle(@PathVariable long bid, Caller caller, @RequestBody(required = false) SettlementRequest request) {
        caller.requireOperator();
        LocalDate day = date(request == null ? null : request.date());
        return SettlementView.of(settlements.settle(bid, day, caller.actor()));
    }

    @GetMapping("/{date}")
    public SettlementView settledDay(@PathVariable long bid, @PathVariable String date, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        LocalDate day = date(date);
        return SettlementView.of(settlements.result(bid, day)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no settlement of " + day)));
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("date", "required, as yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("date", "not a date as yyyy-MM-dd: " + text);
        }
    }
}
