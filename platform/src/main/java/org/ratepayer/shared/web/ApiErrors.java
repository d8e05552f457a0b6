package org.ratepayer.shared.web;

import java.util.Map;
import org.ratepayer.shared.json.JsonProblem;
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

    /** Every module's refusals, one mapping: the kind decides the status, the refusal says the rest. */
    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal e) {
        if (e.kind() == Refusal.Kind.UNAVAILABLE) {
            log.error("{}: {}", e.type(), e.getMessage(), e);
        }
        return ProblemWriter.refusal(e.kind(), e.type(), e.title(), e.code(), e.field(), e.detail(), Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemWriter.problem(403, "forbidden", "Forbidden", e.getMessage());
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
