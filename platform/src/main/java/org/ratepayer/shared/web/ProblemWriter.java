package org.ratepayer.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
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
