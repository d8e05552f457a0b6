package org.ratepayer.autopay.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.ratepayer.autopay.AutopayRuns;
import org.ratepayer.autopay.RunReport;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.shared.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Autopay runs (docs/autopay.md): the operator starts one for a date; the operator or the biller reads it. */
@RestController
@RequestMapping("/api/v1/billers/{bid}/autopay/runs")
public class AutopayRunController {

    private final AutopayRuns runs;
    private final BillerService billers;

    public AutopayRunController(AutopayRuns runs, BillerService billers) {
        this.runs = runs;
        this.billers = billers;
    }

    /** {@code date}: the biller's calendar date to run for, today or earlier, {@code YYYY-MM-DD}. */
    public record StartRun(String date) {
    }

    public record Started(long id) {
    }

    @PostMapping
    public ResponseEntity<Started> start(@PathVariable long bid, @RequestBody StartRun body, Caller caller) {
        caller.requireOperator();
        billers.find(bid).orElseThrow(() -> new NotFoundException("no biller " + bid));
        if (body == null || body.date() == null || body.date().isBlank()) {
            throw new BadRequestException("date", "required, as YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(body.date().strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("date", "must be a date as YYYY-MM-DD");
        }
        long id = runs.start(bid, date, caller.actor());
        return ResponseEntity.created(URI.create("/api/v1/billers/" + bid + "/autopay/runs/" + id)).body(new Started(id));
    }

    @GetMapping("/{id:\\d+}")
    public RunReport get(@PathVariable long bid, @PathVariable long id, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return runs.report(bid, id).orElseThrow(() -> new NotFoundException("biller " + bid + " has no autopay run " + id));
    }

}
