package org.ratepayer.enrolments.web;

import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.enrolments.AchAuthorization;
import org.ratepayer.enrolments.internal.AutopayService;
import org.ratepayer.enrolments.internal.PaperlessService;
import org.ratepayer.enrolments.internal.SavedMethod;
import org.ratepayer.enrolments.internal.ScheduledPayment;
import org.ratepayer.enrolments.internal.ScheduledPaymentService;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentService;
import org.ratepayer.payments.gateway.BankDetails;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.PaymentGateway;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    /**
     * @param maximumAmount     the most one bill may be charged (a bill above it is not charged), or null for no limit
     * @param achAuthorization  for a bank account: the debit authorization the biller obtained from the payer; when
     *                          absent, the call itself is kept as the biller's statement that it holds one
     */
    public record AutopayRequest(Boolean enrolled, CardDetails card, BankDetails bank, String methodToken, BigDecimal maximumAmount,
            AchAuthorizationRequest achAuthorization) {
    }

    /** @param agreedAt when the payer agreed; the time of the call when absent */
    public record AchAuthorizationRequest(String terms, OffsetDateTime agreedAt, String agreedFrom) {
    }

    public record ScheduleRequest(LocalDate date, BigDecimal amount, String invoiceNumber, CardDetails card, BankDetails bank,
            String methodToken) {
        boolean hasMethod() {
            return card != null || bank != null || methodToken != null;
        }
    }

    /** An account's paperless enrolment; {@code changed} only in the answer to a change. */
    public record PaperlessStatus(String accountNumber, boolean enrolled, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean changed) {
    }

    /** What may be shown of a saved payment method. */
    public record MethodView(String type, String brand, String last4) {
        static MethodView of(SavedMethod m) {
            return new MethodView(m.method().name(), m.brand(), m.last4());
        }
    }

    /** An account's autopay enrolment; {@code method} is null when not enrolled, {@code changed} only in the answer to a change. */
    public record AutopayStatus(String accountNumber, boolean enrolled, MethodView method,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal maximumAmount,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean changed) {
        static AutopayStatus of(String account, boolean enrolled, SavedMethod m, BigDecimal maximumAmount, Boolean changed) {
            return new AutopayStatus(account, enrolled, m == null ? null : MethodView.of(m), maximumAmount, changed);
        }
    }

    /** {@code settledOn}, {@code paymentGuid} and {@code failureReason} appear once its run settled it (PAID or FAILED). */
    public record ScheduledPaymentView(UUID id, String accountNumber, String invoiceNumber, LocalDate date, BigDecimal amount,
            MethodView method, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate settledOn, @JsonInclude(JsonInclude.Include.NON_NULL) UUID paymentGuid,
            @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason) {
        static ScheduledPaymentView of(ScheduledPayment p) {
            return new ScheduledPaymentView(p.id(), p.accountNumber(), p.invoiceNumber(), p.date(), p.amount(),
                    MethodView.of(p.method()), p.status(), p.createdAt(), p.updatedAt(), p.settledOn(), p.paymentGuid(), p.failureReason());
        }
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/paperless")
    public PaperlessStatus paperless(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return new PaperlessStatus(account, paperless.enrolled(bid, account), null);
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/paperless")
    public PaperlessStatus setPaperless(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody PaperlessRequest request) {
        caller.actFor(bid, KeyKind.API);
        if (request.enrolled() == null) {
            throw new BadRequestException("enrolled", "required: true or false");
        }
        PaperlessService.Result r = paperless.set(bid, account, request.enrolled(), caller.actor());
        return new PaperlessStatus(r.accountNumber(), r.enrolled(), r.changed());
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/autopay")
    public AutopayStatus autopay(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        AutopayService.Enrolment e = autopay.enrolment(bid, account).orElse(null);
        return AutopayStatus.of(account, e != null, e == null ? null : e.method(), e == null ? null : e.maximumAmount(), null);
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/autopay")
    public AutopayStatus setAutopay(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody AutopayRequest request) {
        caller.actFor(bid, KeyKind.API);
        if (request.enrolled() == null) {
            throw new BadRequestException("enrolled", "required: true or false");
        }
        AutopayService.Result r;
        if (request.enrolled()) {
            SavedMethod method = saved(bid, request.card(), request.bank(), request.methodToken());
            AchAuthorizationRequest a = request.achAuthorization();
            AchAuthorization authorization = method.method() != Method.ACH ? null
                    : new AchAuthorization(a == null || a.terms() == null || a.terms().isBlank()
                            ? "Authorization held by the biller, as stated by its API call" : a.terms(),
                            a == null || a.agreedAt() == null ? null : a.agreedAt().toInstant(),
                            a == null ? null : a.agreedFrom(), caller.actor());
            r = autopay.enrol(bid, account, method, request.maximumAmount(), authorization, caller.actor());
        } else {
            if (request.card() != null || request.bank() != null || request.methodToken() != null || request.maximumAmount() != null) {
                throw new BadRequestException("enrolled", "a payment method or maximum goes with enrolled: true only");
            }
            r = autopay.cancel(bid, account, caller.actor());
        }
        return AutopayStatus.of(account, r.enrolled(), r.method(), r.maximumAmount(), r.changed());
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments")
    public List<ScheduledPaymentView> scheduledPayments(@PathVariable long bid, @PathVariable String account, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return scheduled.list(bid, account).stream().map(ScheduledPaymentView::of).toList();
    }

    @GetMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public ScheduledPaymentView scheduledPayment(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id,
            Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return ScheduledPaymentView.of(scheduled.find(bid, account, id)
                .orElseThrow(() -> new NotFoundException("account " + account + " of biller " + bid + " has no scheduled payment " + id)));
    }

    @PostMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments")
    @ApiResponse(responseCode = "201", description = "Scheduled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduledPaymentView.class)))
    public ResponseEntity<ScheduledPaymentView> schedule(@PathVariable long bid, @PathVariable String account, Caller caller,
            @RequestBody ScheduleRequest request) {
        caller.actFor(bid, KeyKind.API);
        SavedMethod method = request.hasMethod() ? saved(bid, request.card(), request.bank(), request.methodToken()) : null;
        ScheduledPayment p = scheduled.create(bid, account,
                new ScheduledPaymentService.Request(request.date(), request.amount(), request.invoiceNumber(), method), caller.actor());
        return ResponseEntity.status(201).body(ScheduledPaymentView.of(p));
    }

    @PutMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public ScheduledPaymentView reschedule(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id,
            Caller caller, @RequestBody ScheduleRequest request) {
        caller.actFor(bid, KeyKind.API);
        SavedMethod method = request.hasMethod() ? saved(bid, request.card(), request.bank(), request.methodToken()) : null;
        return ScheduledPaymentView.of(scheduled.update(bid, account, id,
                new ScheduledPaymentService.Request(request.date(), request.amount(), request.invoiceNumber(), method), caller.actor()));
    }

    @DeleteMapping("/api/v1/billers/{bid}/accounts/{account}/scheduled-payments/{id}")
    public ScheduledPaymentView cancel(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return ScheduledPaymentView.of(scheduled.cancel(bid, account, id, caller.actor()));
    }

    private SavedMethod saved(long bid, CardDetails card, BankDetails bank, String methodToken) {
        // kept to be charged on later days, so made reusable at the processor now (docs/processors.md, "Saved methods")
        PaymentGateway.Tokenized t = payments.keepForReuse(bid, payments.tokenizeOne(bid, card, bank, methodToken));
        return new SavedMethod(t.method(), t.token(), t.brand(), t.last4());
    }
}
