package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.MultiSpeakClientFactory;
import org.ratepayer.multispeak.MultiSpeakException;
import org.ratepayer.multispeak.MultiSpeakFaultException;
import org.ratepayer.multispeak.MultiSpeakMalformedReplyException;
import org.ratepayer.multispeak.MultiSpeakTimeoutException;
import org.ratepayer.multispeak.MultiSpeakTransportException;
import org.ratepayer.multispeak.SampleMessages;
import org.ratepayer.multispeak.Tenders;

/** Each fault the simulator can be told to show reaches the client as the typed failure it stands for. */
class FaultInjectionTest {

    private static CisSimulator cis;
    private static MultiSpeakClientFactory factory;
    private static CbClient client;
    private final Http http = new Http(cis.adminToken());

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
        factory = new MultiSpeakClientFactory();
        client = factory.client(new CbEndpoint(cis.cbUrl(), Accounts.USER, Accounts.PASSWORD,
                Duration.ofSeconds(2), Duration.ofMillis(400)));
    }

    @AfterAll
    static void stop() {
        factory.close();
        cis.close();
    }

    @BeforeEach
    void reset() {
        cis.state().reset();
        cis.state().putAccount(Accounts.prepaid());
    }

    @Test
    void latencyBeyondTheReadTimeoutIsATimeoutButTheCallWasProcessed() {
        cis.state().setFaults(FaultPlan.latency(1200));

        assertThatThrownBy(() -> client.commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("1001-2", "42.00", "tx-slow"))))
                .isInstanceOf(MultiSpeakTimeoutException.class)
                .hasMessageContaining("CommitPaymentTransaction").hasMessageContaining(cis.cbUrl());
        assertThat(cis.state().postings().payments()).singleElement()
                .satisfies(p -> assertThat(p.transactionId()).isEqualTo("tx-slow"));

        cis.state().clearFaults();
        var retry = client.commitPaymentTransaction(List.of(SampleMessages.cardPayment("1001-2", "42.00", "tx-slow")));
        assertThat(Tenders.of(retry.get(0))).allMatch(Tenders::isDuplicate);
        assertThat(cis.state().postings().payments()).singleElement()
                .satisfies(p -> assertThat(p.arrivals()).isEqualTo(2));
    }

    @Test
    void latencyWithinTheReadTimeoutOnlySlowsTheAnswer() {
        cis.state().setFaults(FaultPlan.latency(150));

        long start = System.nanoTime();
        assertThat(client.getPayableItemsList("1001-2").getPayableItem()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aDownCisIsATransportFailureWith503OnEveryPort() {
        cis.state().setFaults(FaultPlan.serviceDown());

        assertThatThrownBy(() -> client.getPayableItemsList("1001-2"))
                .isInstanceOfSatisfying(MultiSpeakTransportException.class,
                        e -> assertThat(e.httpStatus()).hasValue(503));
        assertThat(http.get(cis.cbUrl() + "?wsdl").statusCode()).isEqualTo(503);
        assertThat(http.get(cis.eprintUrl() + "?PROCESSING_TYPE=HISTORY&ACCT=1001&SUB=2").statusCode())
                .isEqualTo(503);
        assertThat(http.get(cis.adminUrl() + "/faults").statusCode()).as("the admin API stays up").isEqualTo(200);
    }

    @Test
    void aMalformedReplyIsAMalformedReplyFailure() {
        cis.state().setFaults(FaultPlan.alwaysMalformed());

        assertThatThrownBy(() -> client.getPayableItemsList("1001-2"))
                .isInstanceOf(MultiSpeakMalformedReplyException.class);
    }

    @Test
    void aForcedSoapFaultIsAFaultAndNothingIsPosted() {
        cis.state().setFaults(FaultPlan.alwaysSoapFault());

        assertThatThrownBy(() -> client.commitPaymentTransaction(
                List.of(SampleMessages.cardPayment("1001-2", "1", "tx-faulted"))))
                .isInstanceOfSatisfying(MultiSpeakFaultException.class,
                        e -> assertThat(e.faultCode()).isEqualTo("soap:Server"));
        assertThat(cis.state().postings().payments()).isEmpty();
    }

    @Test
    void aFailureRateFailsThatShareOfCallsWithFaultsOrHttp500() {
        cis.state().setFaults(FaultPlan.failing(0.5));
        List<Class<?>> outcomes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            try {
                client.getPayableItemsList("1001-2");
                outcomes.add(Void.class);
            } catch (MultiSpeakException e) {
                outcomes.add(e.getClass());
                if (e instanceof MultiSpeakTransportException t) {
                    assertThat(t.httpStatus()).hasValue(500);
                }
            }
        }
        assertThat(outcomes).containsOnly(Void.class, MultiSpeakFaultException.class,
                MultiSpeakTransportException.class);
        assertThat(outcomes).contains(Void.class, MultiSpeakFaultException.class, MultiSpeakTransportException.class);
    }

    @Test
    void clearingFaultsRestoresService() {
        cis.state().setFaults(FaultPlan.serviceDown());
        cis.state().clearFaults();

        assertThat(client.getPayableItemsList("1001-2").getPayableItem()).isNotEmpty();
    }
}
