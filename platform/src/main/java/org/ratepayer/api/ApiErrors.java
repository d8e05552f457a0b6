package org.ratepayer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.ratepayer.billers.BillerNotFoundException;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigValidationException;
import org.ratepayer.billing.InvoiceImportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error as RFC 9457 problem details, with a type, a title and a message a person can act on; never a stack trace. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ConfigValidationException.class)
    ProblemDetail invalidConfig(ConfigValidationException e) {
        return ProblemWriter.problem(422, "invalid-configuration", "Invalid value", e.getMessage());
    }

    @ExceptionHandler(BillerNotFoundException.class)
    ProblemDetail noBiller(BillerNotFoundException e) {
        return ProblemWriter.problem(404, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemWriter.problem(404, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(BillerService.BillerExistsException.class)
    ProblemDetail exists(BillerService.BillerExistsException e) {
        return ProblemWriter.problem(409, "conflict", "Already exists", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemWriter.problem(409, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail p = ProblemWriter.problem(400, "bad-request", "Bad request", e.getMessage());
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return p;
    }

    @ExceptionHandler(org.ratepayer.enrolments.EnrolmentException.class)
    ProblemDetail enrolment(org.ratepayer.enrolments.EnrolmentException e) {
        String title = switch (e.status()) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> "Not allowed";
        };
        ProblemDetail p = ProblemWriter.problem(e.status(), e.code().replace('_', '-'), title, e.getMessage());
        p.setProperty("code", e.code());
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return p;
    }

    @ExceptionHandler(org.ratepayer.payments.gateway.InvalidPaymentMethodException.class)
    ProblemDetail invalidMethod(org.ratepayer.payments.gateway.InvalidPaymentMethodException e) {
        ProblemDetail p = ProblemWriter.problem(400, "invalid-field", "Invalid request", e.getMessage());
        p.setProperty("code", "invalid_field");
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemWriter.problem(403, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(InvoiceImportService.ImportFailedException.class)
    ProblemDetail importFailed(InvoiceImportService.ImportFailedException e) {
        log.error("invoice import failed", e);
        return ProblemWriter.problem(503, "import-failed", "Import failed", e.getMessage());
    }

    @ExceptionHandler(org.ratepayer.payments.PaymentService.PaymentRecordedException.class)
    ProblemDetail paymentPending(org.ratepayer.payments.PaymentService.PaymentRecordedException e) {
        log.error("payment recorded without a stored outcome", e);
        return ProblemWriter.problem(503, "payment-pending", "Payment outcome pending",
                "the payment was recorded but its outcome could not be stored; retry with the same Idempotency-Key to see it");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return ProblemWriter.problem(500, "internal", "Internal error",
                "something went wrong on our side; the request changed nothing it had not finished");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = "the request body is not valid JSON";
        String field = null;
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            field = jm.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            detail = "field '" + field + "': " + (cause instanceof MismatchedInputException ? "wrong type or format" : jm.getOriginalMessage());
        } else if (cause instanceof JsonProcessingException jp && jp.getLocation() != null) {
            detail = "invalid JSON at line " + jp.getLocation().getLineNr() + ", column " + jp.getLocation().getColumnNr()
                    + ": " + jp.getOriginalMessage();
        } else if (cause == null) {
            detail = "a request body is required";
        }
        ProblemDetail p = ProblemWriter.problem(400, "bad-request", "Malformed request body", detail);
        if (field != null) {
            p.setProperty("field", field);
        }
        return ResponseEntity.status(400).body(p);
    }
}
