package org.ratepayer.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.ratepayer.PlatformIT;
import org.ratepayer.cissim.CisSimulator;

/** Page tests against the Daffron CIS simulator: one simulator per class, a fresh headless Chromium per test. */
abstract class CisPageIT extends PlatformIT {

    static CisSimulator cis;
    HeadlessChromium browser;

    @BeforeAll
    static void startCis() {
        cis = warmedUp(CisSimulator.builder().host("127.0.0.1").cbPort(0).eprintPort(0).adminPort(0)
                .credentials("InvoiceCloud", "pw").build().start());
    }

    @AfterAll
    static void stopCis() {
        cis.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.open();
    }

    @AfterEach
    void closeBrowser() {
        cis.state().clearFaults();
        if (browser != null) {
            browser.close();
        }
    }
}
