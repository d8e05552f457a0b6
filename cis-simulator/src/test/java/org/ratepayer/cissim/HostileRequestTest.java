package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.ratepayer.multispeak.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ratepayer.multispeak.Fifo;
import org.ratepayer.multispeak.HitCounter;

/**
 * Requests the simulator must refuse: external entities (nothing they point at is read) and,
 * when asked to be strict, requests that break the schema.
 */
class HostileRequestTest {

    private static CisSimulator cis;
    private static CisSimulator strict;
    private final Http http = new Http();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).build().start();
        cis.state().putAccount(Accounts.prepaid());
        strict = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0)
                .credentials(Accounts.USER, Accounts.PASSWORD).strictRequests(true).build().start();
        strict.state().putAccount(Accounts.prepaid());
    }

    @AfterAll
    static void stop() {
        cis.close();
        strict.close();
    }

    private static String commitWith(String doctype, String transactionId) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + doctype
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                + "<MultiSpeakMsgHeader xmlns=\"http://www.multispeak.org/Version_3.0\" UserID=\"" + Accounts.USER
                + "\" Pwd=\"" + Accounts.PASSWORD + "\"/></soap:Header><soap:Body>"
                + "<CommitPaymentTransaction xmlns=\"http://www.multispeak.org/Version_3.0\"><transactions>"
                + "<paymentTransaction><accountNumber>1001-2</accountNumber><creditCardPayment><tender>"
                + "<extensionsList><extensionsItem><extName>transactionId</extName><extValue>" + transactionId
                + "</extValue></extensionsItem></extensionsList><amount>1.00</amount></tender></creditCardPayment>"
                + "</paymentTransaction></transactions></CommitPaymentTransaction></soap:Body></soap:Envelope>";
    }

    @Test
    void aRequestWithExternalEntitiesIsRefusedAndNothingIsRead() throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("secret.pipe"));
        Prerequisites.require(fifo != null, "mkfifo");
        try (fifo; HitCounter monitor = new HitCounter()) {
            String hostile = commitWith("<!DOCTYPE soap:Envelope ["
                    + "<!ENTITY file SYSTEM \"" + fifo.path().toUri() + "\">"
                    + "<!ENTITY web SYSTEM \"" + monitor.url("/entity") + "\">"
                    + "<!ENTITY % remote SYSTEM \"" + monitor.url("/parameter") + "\"> %remote;]>", "&file;&web;");

            HttpResponse<String> reply = http.soap(cis.cbUrl(), "CommitPaymentTransaction", hostile);

            assertThat(reply.statusCode()).isEqualTo(500);
            assertThat(reply.body()).contains("Fault").doesNotContain("SECRET-FROM-DISK", "FETCHED");
            assertThat(fifo.wasOpened(300)).as("the pipe was opened").isFalse();
            assertThat(monitor.hits()).isZero();
            assertThat(cis.state().postings().payments()).isEmpty();
        }
    }

    @Test
    void theSameRequestWithoutTheDoctypeIsAccepted() {
        HttpResponse<String> reply = http.soap(cis.cbUrl(), "CommitPaymentTransaction", commitWith("", "tx-plain"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("<responseCode>Success</responseCode>");
    }

    @Test
    void aStrictSimulatorRefusesARequestThatBreaksTheSchema() {
        String outOfOrder = commitWith("", "tx-order").replace(
                "<extensionsList><extensionsItem><extName>transactionId</extName><extValue>tx-order</extValue>"
                        + "</extensionsItem></extensionsList><amount>1.00</amount>",
                "<amount>1.00</amount><extensionsList><extensionsItem><extName>transactionId</extName>"
                        + "<extValue>tx-order</extValue></extensionsItem></extensionsList>");

        HttpResponse<String> strictReply = http.soap(strict.cbUrl(), "CommitPaymentTransaction", outOfOrder);

        assertThat(strictReply.statusCode()).isEqualTo(500);
        assertThat(strict.state().postings().payments()).isEmpty();
        assertThat(http.soap(strict.cbUrl(), "CommitPaymentTransaction", commitWith("", "tx-ok")).statusCode())
                .isEqualTo(200);
    }
}
