package org.ratepayer.conversion.web;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.ratepayer.conversion.ConversionPlan;
import org.ratepayer.conversion.ConversionRefusal;
import org.ratepayer.conversion.ConversionRun;
import org.ratepayer.conversion.Conversions;
import org.ratepayer.conversion.Progress;
import org.ratepayer.conversion.Verification;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conversion under the operator API (docs/conversion.md, docs/api.md): the same steps as {@code ./ratepayer convert}.
 * Operator only: a conversion renumbers every account of a biller and unregisters its payers.
 */
@RestController
class ConversionController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Conversions conversions;

    ConversionController(Conversions conversions) {
        this.conversions = conversions;
    }

    /** The export file: one CSV line per account. */
    @GetMapping(value = "/api/v1/billers/{bid}/conversion/export", produces = "text/csv")
    ResponseEntity<String> export(@PathVariable long bid, Caller caller) {
        caller.requireOperator();
        StringWriter out = new StringWriter();
        conversions.export(bid, out, Progress.NONE);
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    /** The plan from the cross-reference file (the CSV as the body); 422 naming every problem by line when it has any. */
    @PostMapping(value = "/api/v1/billers/{bid}/conversion/plan", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Object> plan(@PathVariable long bid, @RequestBody(required = false) String crossReference, Caller caller) {
        caller.requireOperator();
        Conversions.PlanOutcome o = conversions.plan(bid, crossReference == null ? "" : crossReference);
        if (o.plan() != null) {
            return ResponseEntity.ok(o.plan());
        }
        var p = ProblemWriter.refusal(Refusal.Kind.INVALID, "conversion-plan-refused", "The cross-reference file has problems",
                "cross_reference_invalid", "crossReference", o.problems().size() + " problem(s); the first: " + o.problems().get(0),
                Map.of("problems", o.problems()));
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /**
     * Applies a plan (the plan's JSON as the body), all or nothing; {@code invitePayers=true} emails every payer it
     * unregisters a single-use link to register again (off unless asked).
     */
    @PostMapping("/api/v1/billers/{bid}/conversion/apply")
    ConversionRun apply(@PathVariable long bid, @RequestBody ConversionPlan plan, @RequestParam(defaultValue = "false") boolean invitePayers,
            Caller caller) {
        caller.requireOperator();
        if (plan.billerId() != bid) {
            throw new ConversionRefusal(Refusal.Kind.INVALID, "invalid_field", "billerId", "the plan is biller " + plan.billerId()
                    + "'s, not biller " + bid + "'s");
        }
        return conversions.apply(plan, caller.actor(), invitePayers, Progress.NONE);
    }

    /** The verification report against the export taken before apply (the CSV as the body): JSON, or {@code format=csv|html}. */
    @PostMapping(value = "/api/v1/billers/{bid}/conversion/verify", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Object> verify(@PathVariable long bid, @RequestBody(required = false) String export,
            @RequestParam(defaultValue = "json") String format, Caller caller) {
        caller.requireOperator();
        Verification v = conversions.verify(bid, export == null ? "" : export);
        StringWriter out = new StringWriter();
        switch (format) {
            case "json":
                return ResponseEntity.ok(v);
            case "csv":
                v.writeCsv(out);
                return ResponseEntity.ok().contentType(CSV).body(out.toString());
            case "html":
                v.writeHtml(out);
                return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(out.toString());
            default:
                throw new ConversionRefusal(Refusal.Kind.INVALID, "invalid_field", "format", "json, csv or html");
        }
    }

    /** Undoes the biller's latest conversion within the window. */
    @PostMapping("/api/v1/billers/{bid}/conversion/rollback")
    ConversionRun rollback(@PathVariable long bid, Caller caller) {
        caller.requireOperator();
        return conversions.rollback(bid, caller.actor(), Progress.NONE);
    }

    /** The biller's latest conversion. */
    @GetMapping("/api/v1/billers/{bid}/conversion")
    List<ConversionRun> latest(@PathVariable long bid, Caller caller) {
        caller.requireOperator();
        return conversions.latest(bid).stream().toList();
    }
}
