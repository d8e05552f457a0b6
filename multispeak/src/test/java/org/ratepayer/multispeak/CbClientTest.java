package org.ratepayer.multispeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.multispeak.v3.ArrayOfErrorObject;
import org.ratepayer.multispeak.v3.CommitPaymentTransactionResponse;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.GetPayableItemsListResponse;
import org.ratepayer.multispeak.v3.PayableItemList;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.PaymentTransactionList;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.WriteAccountHistoryCommentsResponse;

class CbClientTest {

    private static final Pattern ACCOUNT = Pattern.compile("<accountNumber>([^<]*)</accountNumber>");

    private final MultiSpeakXml xml = new MultiSpeakXml();
    private final MultiSpeakClientFactory factory = new MultiSpeakClientFactory();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        factory.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private FakeCis cis() throws IOException {
        FakeCis cis = new FakeCis();
        closeables.add(cis);
        return cis;
    }

    private CbClient client(String url, Duration readTimeout) {
        return factory.client(new CbEndpoint(url, "InvoiceCloud", "s3cret", Duration.ofSeconds(2), readTimeout));
    }

    private String reply(Object message) {
        return Soap.envelope(Soap.daffronHeader(), xml.marshal(message));
    }

    private String payableItemsReply(String account) {
        GetPayableItemsListResponse response = new GetPayableItemsListResponse();
        PayableItemList items = SampleMessages.prepaidPayableItems();
        items.getPayableItem().get(0).setDescription(account);
        response.setGetPayableItemsListResult(items);
        return reply(response);
    }

    @Test
    void sendsAValidRequestWithHeaderAndSoapActionAndReadsExactAmounts() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(payableItemsReply("1001-2")));

        PayableItemList items = client(cis.url(), Duration.ofSeconds(5)).getPayableItemsList("1001-2");

        assertThat(items.getPayableItem()).extracting(i -> i.getCurrentAmount())
                .containsExactly(new BigDecimal("1234567.89"), new BigDecimal("-15.5"));
        assertThat(items.getPayableItem().get(0).getPastDueAmount()).isEqualTo(new BigDecimal("0.07"));
        FakeCis.Request request = cis.requests().get(0);
        assertThat(request.soapAction()).isEqualTo("\"http://www.multispeak.org/Version_3.0/GetPayableItemsList\"");
        assertThat(request.contentType()).startsWith("text/xml");
        assertThat(request.body())
                .contains("UserID=\"InvoiceCloud\"", "Pwd=\"s3cret\"", "AppName=\"Ratepayer\"", "Version=\"3.0\"",
                        "MessageID=\"", "TimeStamp=\"", "<accountNumber>1001-2</accountNumber>");
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(request.body()));
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(payableItemsReply("1001-2")));
    }

    @Test
    void everyCallCarriesAFreshMessageId() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(payableItemsReply("x")));
        CbClient client = client(cis.url(), Duration.ofSeconds(5));

        client.getPayableItemsList("1");
        client.getPayableItemsList("1");

        Pattern id = Pattern.compile("MessageID=\"([^\"]+)\"");
        List<String> ids = cis.requests().stream().map(r -> {
            Matcher m = id.matcher(r.body());
            return m.find() ? m.group(1) : null;
        }).toList();
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void postsPaymentsAndReadsTheCisAnswerPerTransaction() throws IOException {
        CommitPaymentTransactionResponse response = new CommitPaymentTransactionResponse();
        PaymentTransactionList result = new PaymentTransactionList();
        PaymentTransaction answered = SampleMessages.cardPayment("35909001", "232.10", "t-1");
        Tenders.of(answered).forEach(t -> t.setResponseCode(ResponseCode.SUCCESS));
        result.getPaymentTransaction().add(answered);
        response.setCommitPaymentTransactionResult(result);
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(reply(response)));

        List<PaymentTransaction> answers = client(cis.url(), Duration.ofSeconds(5)).commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("35909001", "232.10", "t-1"),
                        SampleMessages.cashPayment("35909001", "0.07", "t-2")));

        assertThat(answers).hasSize(1);
        assertThat(Tenders.of(answers.get(0))).allMatch(Tenders::isSuccess)
                .extracting(t -> t.getAmount().toPlainString()).containsExactly("232.10");
        String sent = cis.requests().get(0).body();
        assertThat(sent).contains("<amount>232.10</amount>", "<amount>0.07</amount>",
                "<extName>transactionId</extName>", "<extValue>t-1</extValue>");
        assertThat(cis.requests().get(0).soapAction()).contains("/CommitPaymentTransaction");
        OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(sent));
    }

    @Test
    void paperlessAndCommentsReturnTheCisErrors() throws IOException {
        WriteAccountHistoryCommentsResponse response = new WriteAccountHistoryCommentsResponse();
        ArrayOfErrorObject errors = new ArrayOfErrorObject();
        ErrorObject error = new ErrorObject();
        error.setObjectID("1001");
        error.setErrorString("no such location");
        errors.getErrorObject().add(error);
        response.setWriteAccountHistoryCommentsResult(errors);
        FakeCis cis = cis().answering(r -> r.body().contains("WriteAccountHistoryComments")
                ? FakeCis.Reply.xml(reply(response))
                : FakeCis.Reply.xml(Soap.envelope(Soap.daffronHeader(),
                        "<ModifyCBDataForCustomerResponse xmlns=\"http://www.multispeak.org/Version_3.0\"/>")));
        CbClient client = client(cis.url(), Duration.ofSeconds(5));

        assertThat(client.modifyCBDataForCustomer(List.of(SampleMessages.paperless("1001", true)))).isEmpty();
        assertThat(client.writeAccountHistoryComments(List.of(
                SampleMessages.comment("1001", "321045080002", "AUTOPAY ON"))))
                .extracting(ErrorObject::getErrorString).containsExactly("no such location");
        for (FakeCis.Request r : cis.requests()) {
            OfficialSchema.ifAvailable().ifPresent(schema -> schema.validateEnvelope(r.body()));
        }
    }

    @Test
    void soapFaultBecomesFaultExceptionWithCodeAndString() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.fault("Client", "Invalid UserID or Pwd"));

        assertThatThrownBy(() -> client(cis.url(), Duration.ofSeconds(5)).getPayableItemsList("1001"))
                .isInstanceOfSatisfying(MultiSpeakFaultException.class, e -> {
                    assertThat(e.faultCode()).isEqualTo("soap:Client");
                    assertThat(e.faultString()).isEqualTo("Invalid UserID or Pwd");
                    assertThat(e.operation()).isEqualTo("GetPayableItemsList");
                    assertThat(e.url()).isEqualTo(cis.url());
                    assertThat(e.getMessage()).contains("GetPayableItemsList", cis.url(), "Invalid UserID or Pwd")
                            .doesNotContain("s3cret");
                });
    }

    @Test
    void httpErrorWithoutSoapFaultIsATransportFailureWithItsStatus() throws IOException {
        // by the account asked for: the rest of the body (a random MessageID, the time) may hold any digits
        FakeCis cis = cis().answering(r -> r.body().contains(">503</")
                ? new FakeCis.Reply(503, "text/plain", "down for maintenance", Duration.ZERO)
                : new FakeCis.Reply(500, "text/html", "<html><body>Internal error</body></html>", Duration.ZERO));
        CbClient client = client(cis.url(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.getPayableItemsList("503"))
                .isInstanceOfSatisfying(MultiSpeakTransportException.class,
                        e -> assertThat(e.httpStatus()).hasValue(503));
        assertThatThrownBy(() -> client.getPayableItemsList("500"))
                .isInstanceOfSatisfying(MultiSpeakTransportException.class,
                        e -> assertThat(e.httpStatus()).hasValue(500));
    }

    @Test
    void connectionRefusedIsATransportFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/tbx-daily/services/CB";

        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).getPayableItemsList("1001"))
                .isInstanceOfSatisfying(MultiSpeakTransportException.class, e -> {
                    assertThat(e.httpStatus()).isEmpty();
                    assertThat(e.url()).isEqualTo(url);
                });
    }

    @Test
    void slowReplyBeyondReadTimeoutIsATimeout() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(payableItemsReply("x")).after(Duration.ofMillis(1500)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client(cis.url(), Duration.ofMillis(300)).getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakTimeoutException.class)
                .hasMessageContaining("GetPayableItemsList");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void brokenXmlIsAMalformedReply() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(
                "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><GetPayab"));

        assertThatThrownBy(() -> client(cis.url(), Duration.ofSeconds(5)).getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
    }

    @Test
    void replyWithTheWrongElementIsAMalformedReply() throws IOException {
        FakeCis cis = cis().answering(r -> FakeCis.Reply.xml(Soap.envelope(Soap.daffronHeader(),
                "<CommitPaymentTransactionResponse xmlns=\"http://www.multispeak.org/Version_3.0\"/>")));

        assertThatThrownBy(() -> client(cis.url(), Duration.ofSeconds(5)).getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
    }

    @Test
    void notXmlAtAllIsAMalformedReply() throws IOException {
        FakeCis cis = cis().answering(r -> new FakeCis.Reply(200, "text/xml", "hello", Duration.ZERO));

        assertThatThrownBy(() -> client(cis.url(), Duration.ofSeconds(5)).getPayableItemsList("1001"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
    }

    @Test
    void clientsAreCachedPerEndpointAndSafeToShareAcrossThreads() throws Exception {
        FakeCis cis = cis().answering(r -> {
            Matcher m = ACCOUNT.matcher(r.body());
            return FakeCis.Reply.xml(payableItemsReply(m.find() ? m.group(1) : "?"));
        });
        CbEndpoint endpoint = new CbEndpoint(cis.url(), "InvoiceCloud", "s3cret", Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        assertThat(factory.client(endpoint)).isSameAs(factory.client(endpoint));
        CbClient shared = factory.client(endpoint);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String account = "acct-" + i;
                calls.add(() -> account.equals(shared.getPayableItemsList(account).getPayableItem().get(0)
                        .getDescription()));
            }
            for (Future<Boolean> answer : pool.invokeAll(calls)) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesBadArguments() throws IOException {
        CbClient client = client(cis().url(), Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.getPayableItemsList(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.commitPaymentTransaction(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CbEndpoint("ftp://x", "u", "p", Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CbEndpoint("http://x", "u", "pw", Duration.ofSeconds(1), Duration.ofSeconds(1)).toString())
                .doesNotContain("pw");
    }
}
