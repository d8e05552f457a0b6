package org.ratepayer.paynow.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.ratepayer.shared.web.CallerAuthenticator;
import org.ratepayer.paynow.internal.PayNowRequestException;
import org.ratepayer.paynow.internal.PayNowService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.shared.config.PublicUrl;
import org.ratepayer.shared.config.RatepayerProperties;
import org.ratepayer.shared.net.AddressGate;
import org.ratepayer.shared.net.ClientAddresses;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cloudpaymentsapi/v2}, the Cloud Payments V2 contract as existing partner portals speak it
 * (docs/paynow.md): {@code Authorization: Basic base64(APIKey)} with the biller's Pay Now key of this
 * installation's environment (from an address its IP allow-list holds, docs/ip-allow-list.md), the request of docs/paynow.md, and {@code {"Data":{"CloudPaymentURL":…}}} back.
 * Errors are problem details naming the field. The body is read here, not bound, so that malformed JSON
 * and lenient values get the parser's own messages.
 */
@RestController
public class PayNowApiController {

    static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(PayNowApiController.class);

    private final CallerAuthenticator authenticator;
    private final PayNowService service;
    private final PublicUrl publicUrl;
    private final RatepayerProperties platform;
    private final Throttle throttle;
    private final ClientAddresses addresses;
    private final AddressGate gate;

    public PayNowApiController(CallerAuthenticator authenticator, PayNowService service, PublicUrl publicUrl,
            RatepayerProperties platform, Throttle throttle, ClientAddresses addresses, AddressGate gate) {
        this.addresses = addresses;
        this.gate = gate;
        this.authenticator = authenticator;
        this.service = service;
        this.publicUrl = publicUrl;
        this.platform = platform;
        this.throttle = throttle;
    }

    /** The answer to a valid request: {@code {"Data":{"CloudPaymentURL":…}}}, the one-time link to the Pay Now page. */
    public record CloudPaymentResponse(@JsonProperty("Data") CloudPaymentData data) {
    }

    public record CloudPaymentData(@JsonProperty("CloudPaymentURL") String cloudPaymentUrl) {
    }

    /** Answers JSON whatever the client's Accept header says: older partner clients send all sorts. */
    @PostMapping("/cloudpaymentsapi/v2")
    @ApiResponse(responseCode = "200", description = "The Pay Now link",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CloudPaymentResponse.class)))
    public ResponseEntity<?> create(HttpServletRequest request) throws IOException {
        Optional<String> key = presentedKey(request.getHeader("Authorization"));
        Optional<Caller> caller = Optional.empty();
        if (key.isPresent()) {
            Throttle.Outcome<Caller> outcome = throttle.payNowKey(request.getRemoteAddr(),
                    () -> authenticator.billerKey(key.get()).filter(c -> c.keyKind() == KeyKind.CPV2));
            if (outcome.refused()) {
                long seconds = outcome.retryAfterSeconds();
                return ResponseEntity.status(429).header("Retry-After", Long.toString(seconds))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ProblemWriter.problem(429, TooManyAttempts.TYPE, TooManyAttempts.TITLE, TooManyAttempts.detail(seconds)));
            }
            caller = outcome.passed();
        }
        if (caller.isEmpty()) {
            return problem(401, "invalid-credentials", "Invalid API key", null,
                    "send the biller's Cloud Payments key of this environment as 'Authorization: Basic base64(APIKey)'");
        }
        try {
            gate.check(caller.get(), addresses.of(request));
        } catch (AddressGate.AddressNotAllowed e) {
            return problem(403, AddressGate.AddressNotAllowed.TYPE, AddressGate.AddressNotAllowed.TITLE, null, e.getMessage());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return problem(413, "too-large", "Request too large", null, "the request body is larger than 1 MB");
        }
        long bid = caller.get().bid();
        try {
            PayNowService.Created created = service.create(bid, platform.environment(), body, request.getRemoteAddr(),
                    "cpv2:" + platform.environment());
            String url = publicUrl.link("/paynow/" + created.link());
            log.info("biller {}: Pay Now session {} created", bid, created.sessionGuid());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new CloudPaymentResponse(new CloudPaymentData(url)));
        } catch (PayNowRequestException e) {
            return problem(400, "invalid-request", "Invalid Cloud Payments request", e.field(), e.getMessage());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Two requests creating the same new invoice at the same moment: one wins, the other changed nothing.
            return problem(409, "conflict", "Conflict", null,
                    "another request created the same invoice at the same moment; send this request again");
        }
    }

    /** The Pay Now key alone, base64-encoded after "Basic " (no user part); other kinds of key are refused. */
    private static Optional<String> presentedKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String key;
        try {
            key = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Some HTTP libraries always add the colon of an empty password; the key never contains one.
        if (key.endsWith(":")) {
            key = key.substring(0, key.length() - 1);
        }
        return key.isBlank() ? Optional.empty() : Optional.of(key);
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String type, String title, String field, String detail) {
        ProblemDetail p = ProblemWriter.problem(status, type, title, detail);
        if (field != null) {
            p.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
