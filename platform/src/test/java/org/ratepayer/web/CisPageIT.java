package org.ratepayer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ratepayer.CisSimulatorIT;
import org.ratepayer.staff.internal.Totp;

/** Page tests against the Daffron CIS simulator: one simulator per class, a fresh headless Chromium per test. */
abstract class CisPageIT extends CisSimulatorIT {

    HeadlessChromium browser;

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
