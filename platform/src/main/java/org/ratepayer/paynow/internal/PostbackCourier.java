package org.ratepayer.paynow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.postings.Courier;
import org.ratepayer.postings.Delivery;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers postbacks to partners: a {@code POST} to PostBackURL with the parameters in the query string and
 * a Standard Webhooks signature ({@link PostbackSignature}). The URL is checked against the biller's allowed
 * origins again at delivery (an origin may have been withdrawn since), redirects are never followed (a
 * redirect could lead anywhere), and timeouts are short so that one slow partner cannot hold the workers.
 * A 2xx answer is delivered; anything else is a failure the outbox retries with its reason.
 */
@Component
public class PostbackCourier implements Courier {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What the courier needs per biller: the URL rules and the signing secret. */
    public interface Partners {
        PartnerUrlPolicy policy(long bid);

        Optional<String> signingSecret(long bid);
    }

    private final Partners partners;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;

    @Autowired
    public PostbackCourier(PayNowService service, BillerService billers, ObjectMapper json) {
        this(new Partners() {
            @Override
            public PartnerUrlPolicy policy(long bid) {
                return service.policy(bid);
            }

            @Override
            public Optional<String> signingSecret(long bid) {
                return billers.cachedConfig(bid).setting(ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET);
            }
        }, json, Clock.systemUTC()); // not the application's clock: receivers check the signed timestamp against real time
    }

    public PostbackCourier(Partners partners, ObjectMapper json, Clock clock) {
        this.partners = partners;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Set<PostingKind> kinds() {
        return Set.of(PostingKind.POSTBACK);
    }

    @Override
    public List<Delivery> deliver(long bid, List<QueuedPosting> postings) {
        List<Delivery> out = new ArrayList<>(postings.size());
        for (QueuedPosting p : postings) {
            out.add(deliverOne(bid, p));
        }
        return out;
    }

    private Delivery deliverOne(long bid, QueuedPosting posting) {
        Postback postback;
        try {
            postback = json.readValue(posting.payload(), Postback.class);
        } catch (JsonProcessingException e) {
            return Delivery.failed("unreadable postback payload: " + e.getOriginalMessage());
        }
        URI target;
        try {
            target = URI.create(postback.target());
        } catch (IllegalArgumentException e) {
            return Delivery.failed("PostBackURL is not a valid URL");
        }
        if (!partners.policy(bid).allows(target)) {
            return Delivery.failed("PostBackURL " + PartnerUrlPolicy.originOf(target)
                    + " is no longer among the biller's allowed origins (setting 1003); not sent");
        }
        Optional<String> secret = partners.signingSecret(bid);
        if (secret.isEmpty()) {
            return Delivery.failed("the biller has no postback signing secret (setting 1004); not sent");
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = posting.postingId().toString();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", PostbackSignature.sign(secret.get(), id, timestamp, target.getRawQuery()))
                .header("User-Agent", "Ratepayer-Postback/1")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Delivery.ok("HTTP " + status);
            }
            String body = response.body() == null ? "" : response.body().strip();
            return Delivery.failed("HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "")
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
        } catch (IOException e) {
            return Delivery.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.failed("interrupted");
        }
    }
}
