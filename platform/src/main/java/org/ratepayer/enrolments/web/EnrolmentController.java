package org.ratepayer.enrolments.web;

import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.enrolments.AutopayService;
import org.ratepayer.enrolments.PaperlessService;
import org.ratepayer.enrolments.SavedMethod;
import org.ratepayer.enrolments.ScheduledPayment;
import org.ratepayer.enrolments.ScheduledPaymentService;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Paperless, autopay and scheduled payments per account (the services the customer portal will call),
 * for the biller's own systems with its API key. Each change the CIS must know of is posted to it (C4).
 */
@RestController
public class EnrolmentController {

    private final PaperlessService paperless;
    private final AutopayService autopay;
    private final ScheduledPaymentService scheduled;
    private final PaymentService payments;

    public EnrolmentController(PaperlessService paperless, AutopayService autopay, ScheduledPaymentService scheduled,
            PaymentService payments) {
        this.paperless = paperless;
        this.autopay = autopay;
        this.scheduled = scheduled;
        this.payments = payments;
    }

    public record PaperlessRequest(Boolean enrolled) {
    }

    public record AutopayRequest(Boolean enrolled, CardDetails card, BankDetails bank, String methodToken) {
    }

    public record ScheduleRequest(LocalDate date, BigDecimal amount, String invoiceNumber, CardDetails card, BankDetails bank,
            String methodToken) {
        boolean hasMethod() {
            return card != null || bank != null || methodToken != null;
        }
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/paperless")
    public Map<String, Object> paperless(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return Map.of("accountNumber", account, "enrolled", paperless.enrolled(bid, account));
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/paperless")
    public Map<String, Object> setPaperless(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody PaperlessRequest request) {
        caller.actFor(bid, KeyKind.API);
        if (request.enrolled() == null) {
            throw new BadRequestException("enrolled", "required: true or false");
        }
        PaperlessService.Result r = paperless.set(bid, account, request.enrolled(), caller.actor());
        return Map.of("accountNumber", r.accountNumber(), "enrolled", r.enrolled(), "changed", r.changed());
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/autopay")
    public Map<String, Object> autopay(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        SavedMethod m = autopay.current(bid, account).orElse(null);
        return autopayBody(account, m != null, m, null);
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/autopay")
    public Map<String, Object> setAutopay(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody AutopayRequest request) {
        caller.actFor(bid, KeyKind.API);
        if (request.enrolled() == null) {
            throw new BadRequestException("enrolled", "required: true or false");
        }
        AutopayService.Result r;
        if (request.enrolled()) {
            r = autopay.enrol(bid, account, saved(bid, request.card(), request.bank(), request.methodToken()), caller.actor());
        } else {
            if (request.card() != null || request.bank() != null || request.methodToken() != null) {
                throw new BadRequestException("enrolled", "a payment method goes with enrolled: true only");
            }
            r = autopay.cancel(bid, account, caller.actor());
        }
        return autopayBody(account, r.enrolled(), r.method(), r.changed());
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments")
    public List<Map<String, Object>> scheduledPayments(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return scheduled.list(bid, account).stream().map(EnrolmentController::body).toList();
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public Map<String, Object> scheduledPayment(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id,
            Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return body(scheduled.find(bid, account, id)
                .orElseThrow(() -> new NotFoundException("account " + account + " of biller " + bid + " has no scheduled payment " + id)));
    }

    @PostMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments")
    public ResponseEntity<Map<String, Object>> schedule(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody ScheduleRequest request) {
        caller.actFor(bid, KeyKind.API);
        SavedMethod method = request.hasMethod() ? saved(bid, request.card(), request.bank(), request.methodToken()) : null;
        ScheduledPayment p = scheduled.create(bid, account,
                new ScheduledPaymentService.Request(request.date(), request.amount(), request.invoiceNumber(), method), caller.actor());
        return ResponseEntity.status(201).body(body(p));
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public Map<String, Object> reschedule(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id,
            Caller caller, @RequestBody ScheduleRequest request) {
        caller.actFor(bid, KeyKind.API);
        SavedMethod method = request.hasMethod() ? saved(bid, request.card(), request.bank(), request.methodToken()) : null;
        return body(scheduled.update(bid, account, id,
                new ScheduledPaymentService.Request(request.date(), request.amount(), request.invoiceNumber(), method), caller.actor()));
    }

    @DeleteMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public Map<String, Object> cancel(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return body(scheduled.cancel(bid, account, id, caller.actor()));
    }

    private SavedMethod saved(long bid, CardDetails card, BankDetails bank, String methodToken) {
        PaymentGateway.Tokenized t = payments.tokenizeOne(bid, card, bank, methodToken);
        return new SavedMethod(t.method(), t.token(), t.brand(), t.last4());
    }

    private static Map<String, Object> autopayBody(String account, boolean enrolled, SavedMethod m, Boolean changed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountNumber", account);
        body.put("enrolled", enrolled);
        body.put("method", m == null ? null : methodBody(m));
        if (changed != null) {
            body.put("changed", changed);
        }
        return body;
    }

    private static Map<String, Object> methodBody(SavedMethod m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", m.method().name());
        body.put("brand", m.brand());
        body.put("last4", m.last4());
        return body;
    }

    private static Map<String, Object> body(ScheduledPayment p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("accountNumber", p.accountNumber());
        body.put("invoiceNumber", p.invoiceNumber());
        body.put("date", p.date());
        body.put("amount", p.amount());
        body.put("method", methodBody(p.method()));
        body.put("status", p.status());
        body.put("createdAt", p.createdAt());
        body.put("updatedAt", p.updatedAt());
        return body;
    }
}
