package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.ratepayer.PlatformIT;
import org.ratepayer.cissim.CisSimulator;
import org.ratepayer.staff.internal.Totp;

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

    /** A new biller that refreshes balances from and posts to this class's simulator. */
    TestBiller simulatorBiller() {
        TestBiller b = newBiller();
        for (int url : new int[] {11, 14, 17}) {
            billerService.setSetting(b.bid(), url, TextNode.valueOf(cis.cbUrl()), "test");
            billerService.setSetting(b.bid(), url + 1, TextNode.valueOf("InvoiceCloud"), "test");
            billerService.setSetting(b.bid(), url + 2, TextNode.valueOf("pw"), "test");
        }
        return b;
    }

    /**
     * Signs the browser in to the biller portal with an issued password: enrols an authenticator when the portal asks
     * (an administrator), then sets a password of the user's own.
     *
     * @return the authenticator's secret, or null when none was asked for
     */
    String signInStaff(long bid, String username, String issuedPassword, String newPassword) {
        browser.get(url("/staff/" + bid + "/sign-in"));
        browser.fill("username", username);
        browser.fill("password", issuedPassword);
        browser.click("sign-in");
        String secret = null;
        if (browser.has("totp-secret")) {
            secret = browser.text("totp-secret").replace(" ", "");
            browser.fill("code", Totp.code(secret, clock.instant().getEpochSecond()));
            browser.click("verify");
        }
        browser.fill("password", newPassword);
        browser.fill("again", newPassword);
        browser.click("save-password");
        assertThat(browser.text("who")).isEqualTo(username);
        return secret;
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
