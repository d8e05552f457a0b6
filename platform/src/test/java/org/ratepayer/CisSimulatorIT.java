package org.ratepayer;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ratepayer.cissim.CisSimulator;

/** Tests against the Daffron CIS simulator: one simulator per class, billers that refresh balances from it and post to it. */
public abstract class CisSimulatorIT extends PlatformIT {

    protected static CisSimulator cis;

    @BeforeAll
    static void startCis() {
        cis = warmedUp(CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials("InvoiceCloud", "pw").build().start());
    }

    @AfterAll
    static void stopCis() {
        cis.close();
    }

    /** A new biller that refreshes balances from and posts to this class's simulator. */
    protected TestBiller simulatorBiller() {
        TestBiller b = newBiller();
        for (int url : new int[] {11, 14, 17}) {
            billerService.setSetting(b.bid(), url, TextNode.valueOf(cis.cbUrl()), "test");
            billerService.setSetting(b.bid(), url + 1, TextNode.valueOf("InvoiceCloud"), "test");
            billerService.setSetting(b.bid(), url + 2, TextNode.valueOf("pw"), "test");
        }
        return b;
    }
}
