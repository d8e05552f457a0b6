package org.ratepayer.paynow;

import org.ratepayer.paynow.internal.PartnerUrlPolicy;
import org.ratepayer.paynow.internal.PayNowRequest;
import org.ratepayer.paynow.internal.Postback;
import org.ratepayer.paynow.internal.PostbackCourier;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.billers.AllowedOrigins;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.Payment;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.postings.Delivery;
import org.ratepayer.postings.PostingKind;
import org.ratepayer.postings.QueuedPosting;

/** The postback courier against a partner endpoint on this machine: what it sends, signs, and makes of each answer. */
class PostbackCourierTest {

    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("A", "Q");

    PostbackReceiver receiver;
    PostbackReceiver elsewhere;
    boolean loopbackAllowed = true;
    Optional<String> secret = Optional.of(SECRET);
    PostbackCourier courier;
    final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @BeforeEach
    void start() throws Exception {
        receiver = new PostbackReceiver();
        elsewhere = new PostbackReceiver();
        courier = new PostbackCourier(new PostbackCourier.Partners() {
            @Override
            public PartnerUrlPolicy policy(long bid) {
                return new PartnerUrlPolicy(AllowedOrigins.parse("https://portal.example"), loopbackAllowed);
            }

            @Override
            public Optional<String> signingSecret(long bid) {
                return secret;
            }
        }, json, java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        receiver.close();
        elsewhere.close();
    }

    private QueuedPosting posting(String postBackUrl, PaymentStatus status) throws Exception {
        PayNowRequest request = new PayNowRequest(List.of(new PayNowRequest.Customer("A-1", null, "Jöhn S & Co", "123 Main Street",
                "Tampa", "FL", "12345", null, List.of())), false, false, true, true, false, null, null, null, null,
                URI.create(postBackUrl), "REF-1 a+b", 0, null, 0, null, new PayNowRequest.PageResultOptions(false, false, true, false, false));
        Payment p = new Payment(1, UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"), 7, "A-1", "INV-1", Channel.CPV2, Method.CARD,
                status, new BigDecimal("10.00"), new BigDecimal("1.00"), "VISA", "1111", "123456",
                status == PaymentStatus.APPROVED ? "Approved" : "Declined: do not honor", null, null,
                OffsetDateTime.of(2026, 11, 22, 9, 5, 7, 0, ZoneOffset.ofHours(-5)));
        Postback postback = Postback.of(p, request, UUID.fromString("11111111-2222-3333-4444-555555555555"), "203.0.113.9");
        return new QueuedPosting(1, UUID.randomUUID(), 7, null, PostingKind.POSTBACK, json.writeValueAsString(postback), 1,
                OffsetDateTime.now());
    }

    @Test
    void postsTheEighteenParametersSignedAndA2xxIsDelivered() throws Exception {
        QueuedPosting q = posting(receiver.url("/postback.aspx?site=7"), PaymentStatus.APPROVED);
        List<Delivery> d = courier.deliver(7, List.of(q));
        assertThat(d).containsExactly(Delivery.ok("HTTP 200"));
        PostbackReceiver.Received r = receiver.next(1);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/postback.aspx");
        assertThat(r.id()).isEqualTo(q.postingId().toString());
        assertThat(r.verifies(SECRET)).isTrue();
        assertThat(r.verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))).isFalse();
        assertThat(r.params()).containsExactly(
                java.util.Map.entry("site", "7"),
                java.util.Map.entry("BillerGUID", "11111111-2222-3333-4444-555555555555"),
                java.util.Map.entry("PaymentDate", "11/22/2026 14:05:07"),
                java.util.Map.entry("InvoiceNumber", "INV-1"),
                java.util.Map.entry("Approved", "True"),
                java.util.Map.entry("CustomerName", "Jöhn S & Co"),
                java.util.Map.entry("CustomerAddress", "123 Main Street"),
                java.util.Map.entry("CustomerCity", "Tampa"),
                java.util.Map.entry("CustomerState", "FL"),
                java.util.Map.entry("CustomerZip", "12345"),
                java.util.Map.entry("PaymentGUID", "0F8FAD5B-D9CB-469F-A165-70867728950E"),
                java.util.Map.entry("PaymentAmount", "10.00"),
                java.util.Map.entry("PaymentDescription", "VISA card ending 1111 for account A-1, invoice INV-1"),
                java.util.Map.entry("PaymentTypeID", "1"),
                java.util.Map.entry("CardType", "VISA"),
                java.util.Map.entry("PaymentMessage", "Approved"),
                java.util.Map.entry("BillerReference", "REF-1 a+b"),
                java.util.Map.entry("ConvenienceFee", "1.00"),
                java.util.Map.entry("RemoteIP", "203.0.113.9"));
        assertThat(r.rawQuery()).doesNotContain("+").contains("CustomerName=J%C3%B6hn%20S%20%26%20Co");
    }

    @Test
    void aDeclineIsPostedWithApprovedFalse() throws Exception {
        assertThat(courier.deliver(7, List.of(posting(receiver.url("/pb"), PaymentStatus.DECLINED)))).extracting(Delivery::delivered)
                .containsExactly(true);
        PostbackReceiver.Received r = receiver.next(1);
        assertThat(r.params()).containsEntry("Approved", "False").containsEntry("PaymentMessage", "Declined: do not honor");
    }

    @Test
    void anErrorStatusFailsWithTheStatusAndWhatTheReceiverSaid() throws Exception {
        receiver.answer(503, null);
        assertThat(courier.deliver(7, List.of(posting(receiver.url("/pb"), PaymentStatus.APPROVED))))
                .containsExactly(Delivery.failed("HTTP 503: status 503"));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        receiver.answer(302, elsewhere.url("/stolen"));
        assertThat(courier.deliver(7, List.of(posting(receiver.url("/pb"), PaymentStatus.APPROVED))))
                .containsExactly(Delivery.failed("HTTP 302 (redirects are not followed): status 302"));
        receiver.next(1);
        Thread.sleep(200);
        assertThat(elsewhere.poll()).as("the redirect target was never called").isNull();
    }

    @Test
    void aHostNoLongerAllowedIsNotCalled() throws Exception {
        QueuedPosting q = posting(receiver.url("/pb"), PaymentStatus.APPROVED);
        loopbackAllowed = false;
        assertThat(courier.deliver(7, List.of(q))).singleElement().satisfies(d -> {
            assertThat(d.delivered()).isFalse();
            assertThat(d.detail()).contains("is no longer among the biller's allowed origins");
        });
        Thread.sleep(200);
        assertThat(receiver.poll()).isNull();
    }

    @Test
    void withoutASecretNothingIsSentUnsigned() throws Exception {
        secret = Optional.empty();
        assertThat(courier.deliver(7, List.of(posting(receiver.url("/pb"), PaymentStatus.APPROVED))))
                .extracting(Delivery::detail).containsExactly("the biller has no postback signing secret (setting 1004); not sent");
        assertThat(receiver.poll()).isNull();
    }

    @Test
    void aClosedPortFailsWithTheReason() throws Exception {
        String url = receiver.url("/pb");
        receiver.close();
        assertThat(courier.deliver(7, List.of(posting(url, PaymentStatus.APPROVED)))).singleElement()
                .satisfies(d -> assertThat(d.delivered()).isFalse());
    }
}
