package org.ratepayer.payments.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.PaymentList;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.shared.web.BadRequestException;
import org.springframework.web.bind.annotation.RequestParam;
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
    @ApiResponse(responseCode = "201", description = "Taken: the processor's outcome is in status (APPROVED, DECLINED, ERROR, UNKNOWN, or PENDING: a bank payment the processor has not confirmed yet)",
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

    /**
     * The biller's payments, newest first, a page at a time (docs/api.md, "Listing payments"). Every filter is
     * optional; a bad value is refused with 400 naming its parameter, and nothing else is looked at.
     */
    @GetMapping("/api/v1/billers/{bid}/payments")
    @ApiResponse(responseCode = "200", description = "A page of payments, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentList.PaymentPage.class)))
    @ApiResponse(responseCode = "400", description = "A filter or paging value is malformed; the problem names the parameter",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public PaymentList.PaymentPage listPayments(@PathVariable long bid, Caller caller,
            @RequestParam(required = false) String account, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        caller.actFor(bid, KeyKind.API);
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new BadRequestException("to", "must not be before from");
        }
        PaymentList.Filter filter = new PaymentList.Filter(text("account", account), named("channel", channel, Channel.class),
                named("status", status, PaymentStatus.class), fromDay, toDay);
        return payments.list(bid, filter, number("page", page, 1, MAX_PAGE), number("size", size, PaymentList.DEFAULT_SIZE,
                PaymentList.MAX_SIZE));
    }

    /** Far beyond any biller's payments at the largest page size; keeps the offset a sane number. */
    private static final int MAX_PAGE = 1_000_000;

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 64) {
            throw new BadRequestException(field, "at most 64 characters");
        }
        return value.strip();
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a day as yyyy-MM-dd (the biller's time zone)");
        }
    }

    private static <E extends Enum<E>> E named(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        throw new BadRequestException(field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static int number(String field, String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        String v = value.strip();
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
            throw new BadRequestException(field, "must be a whole number from 1 to " + max);
        }
        return Integer.parseInt(v);
    }

    @GetMapping("/api/v1/billers/{bid}/payments/{guid}")
    public PaymentView get(@PathVariable long bid, @PathVariable UUID guid, Caller caller) {
        caller.actFor(bid, KeyKind.API, KeyKind.WEB_SERVICE);
        return payments.find(bid, guid).map(PaymentView::of)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no payment " + guid));
    }
}
