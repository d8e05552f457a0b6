package org.ratepayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ratepayer.cissim.CisAccount;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.cissim.PayableCharge;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.MultiSpeakClientFactory;

/** Tests against the Daffron CIS simulator: one simulator per class, billers that refresh balances from it and post to it. */
public abstract class CisSimulatorIT extends PlatformIT {

    /** The credentials the simulator takes; a biller given others is refused as Daffron would refuse it. */
    protected static final String CIS_USER = "InvoiceCloud";
    protected static final String CIS_PASSWORD = "pw";

    protected static CisSimulator cis;

    @BeforeAll
    static void startCis() {
        cis = warmedUp(CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials(CIS_USER, CIS_PASSWORD).build().start());
        // its first MultiSpeak answer (JAXB and CXF warming up on both sides) can take longer than the 1 s the platform
        // waits for a balance on a busy machine; the tests are about what the answers say, not the first one's speed
        try (MultiSpeakClientFactory warm = new MultiSpeakClientFactory()) {
            warm.client(new CbEndpoint(cis.cbUrl(), CIS_USER, CIS_PASSWORD, Duration.ofSeconds(30), Duration.ofSeconds(30)))
                    .getPayableItemsList("0-0");
        } catch (RuntimeException unknownAccount) {
            // only the warming up matters
        }
    }

    @AfterAll
    static void stopCis() {
        cis.close();
    }

    /** A new biller whose balances and bill images come from this class's simulator (settings 8 to 10, and 20). */
    protected TestBiller refreshingBiller() {
        TestBiller b = newBiller();
        String base = "/api/v1/billers/" + b.bid();
        operatorPut(base + "/settings/8", "{\"value\":\"" + cis.cbUrl() + "\"}");
        operatorPut(base + "/settings/9", "{\"value\":\"" + CIS_USER + "\"}");
        operatorPut(base + "/settings/10", "{\"value\":\"" + CIS_PASSWORD + "\"}");
        operatorPut(base + "/settings/20", "{\"value\":\"" + cis.eprintUrl() + "\"}");
        return b;
    }

    /** Gives the biller one bill of {@code amount} for {@code account}: imported, and owed in the simulator too. */
    protected TestBiller withBill(TestBiller b, String account, String amount) {
        assertThat(upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "0000001", account, "10/01/2026", amount, null).text()).status()).isEqualTo(201);
        cis.state().putAccount(CisAccount.of(account, PayableCharge.of("Electric", amount, "0")));
        return b;
    }

    /** A new biller that refreshes balances from and posts to this class's simulator. */
    protected TestBiller simulatorBiller() {
        TestBiller b = newBiller();
        for (int url : new int[] {11, 14, 17}) {
            billerService.setSetting(b.bid(), url, TextNode.valueOf(cis.cbUrl()), "test");
            billerService.setSetting(b.bid(), url + 1, TextNode.valueOf(CIS_USER), "test");
            billerService.setSetting(b.bid(), url + 2, TextNode.valueOf(CIS_PASSWORD), "test");
        }
        return b;
    }
}
