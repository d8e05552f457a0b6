package org.ratepayer.api;

import org.ratepayer.billers.BillerNotFoundException;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigValidationException;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.json.JsonProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error as RFC 9457 problem details, with a type, a title and a message a person can act on; never a stack trace. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ConfigValidationException.class)
    ProblemDetail invalidConfig(ConfigValidationException e) {
        ProblemDetail p = ProblemWriter.problem(422, "invalid-configuration", "Invalid value", e.getMessage());
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return p;
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

    @ExceptionHandler(BadHeaderException.class)
    ProblemDetail badHeader(BadHeaderException e) {
        ProblemDetail p = ProblemWriter.problem(400, "bad-request", "Bad request", e.getMessage());
        p.setProperty("field", e.header());
        return p;
    }

    /** Spring Security's firewall, checking a header or parameter lazily; the edge filter usually refuses these first. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return ProblemWriter.problem(400, "bad-request", "Bad request",
                "the request has a header, parameter or address with characters this server does not accept");
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
        ProblemDetail p;
        if (ex.getCause() == null) {
            p = ProblemWriter.problem(400, "bad-request", "Malformed request body", "a request body is required");
        } else {
            JsonProblem problem = JsonProblem.of(ex.getCause());
            p = ProblemWriter.problem(400, "bad-request", "Malformed request body", problem.detail());
            setIfPresent(p, "field", problem.field());
            setIfPresent(p, "pointer", problem.pointer());
            setIfPresent(p, "line", problem.line());
            setIfPresent(p, "column", problem.column());
        }
        return ResponseEntity.status(400).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** A query parameter or path segment of the wrong kind: named, with what was expected, and never the Java type. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String detail = "'" + name + "' must be " + JsonProblem.words(ex.getRequiredType()) + ", got '"
                + JsonProblem.shorten(String.valueOf(ex.getValue())) + "'";
        ProblemDetail p = ProblemWriter.problem(400, "bad-request", "Bad request", detail);
        setIfPresent(p, "field", name);
        return ResponseEntity.status(400).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static void setIfPresent(ProblemDetail p, String name, Object value) {
        if (value != null) {
            p.setProperty(name, value);
        }
    }
}
