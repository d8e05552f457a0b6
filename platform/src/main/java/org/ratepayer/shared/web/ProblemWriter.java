package org.ratepayer.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** RFC 9457 problem details written straight to the response, for errors raised before a controller runs. */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The HTTP status of every refusal of a kind; {@link ApiErrors} and the payment API both answer with it. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case NOT_ALLOWED -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    /** A problem type's address, from its last part, e.g. {@code not-found}. */
    public static URI type(String type) {
        return URI.create("https://ratepayer.org/problems/" + type);
    }

    /**
     * A refusal as problem details, the one builder for every module's refusals ({@link ApiErrors}) and the payment
     * API's (whose answers are also stored for idempotent replays): the kind decides the status; the code, the field
     * at fault and any extras are members of their own.
     */
    public static ProblemDetail refusal(Refusal.Kind kind, String type, String title, String code, String field, String detail,
            Map<String, ?> extra) {
        ProblemDetail p = problem(status(kind), type, title, detail);
        if (code != null) {
            p.setProperty("code", code);
        }
        if (field != null) {
            p.setProperty("field", field);
        }
        extra.forEach(p::setProperty);
        return p;
    }

    public static ProblemDetail problem(int status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        p.setType(type(type));
        p.setTitle(title);
        return p;
    }

    public void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        write(response, problem(status, type, title, detail));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), problem);
    }
}
