package org.ratepayer.payments.internal.authorizenet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.authorizenet.*}: where the Authorize.Net adapter posts its XML and how long it waits
 * (docs/processors.md, "Authorize.Net").
 *
 * @param apiBase            Authorize.Net's API, {@code https://api2.authorize.net}; its sandbox is
 *                           {@code https://apitest.authorize.net}; a test's WireMock server or an egress proxy otherwise
 * @param connectTimeout     how long to wait for a connection; none made means nothing was sent
 * @param readTimeout        how long to wait for an answer once the request left; past it the outcome is unknown and
 *                           the repair job asks Authorize.Net later (a payer waits this long at most)
 * @param duplicateWindow    sent as the {@code duplicateWindow} transaction setting: Authorize.Net refuses, for this
 *                           long, a second transaction identical to one it took (same amount, card or account, invoice
 *                           number), which catches a resent charge or refund whose first answer was lost
 * @param lookBack           how many days of settled batches a look-up searches, besides the unsettled transactions
 * @param acceptUiUrl        Accept.js's hosted form script for the payer's browser; unset, Authorize.Net's own for the
 *                           environment {@code apiBase} names ({@code jstest.authorize.net} for the sandbox's API)
 */
@ConfigurationProperties("ratepayer.authorizenet")
public record AuthorizeNetProperties(
        @DefaultValue("https://api2.authorize.net") String apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("10m") Duration duplicateWindow,
        @DefaultValue("3") int lookBack,
        @DefaultValue("") String acceptUiUrl) {

    /**
     * Accept.js, which sends a bank account typed on the page from the browser to Authorize.Net for a nonce: beside AcceptUI,
     * {@code …/v1/Accept.js} of the same host (docs/hosted-fields.md).
     */
    public String acceptJs() {
        return java.net.URI.create(acceptUi()).resolve("../v1/Accept.js").toString();
    }

    /** The AcceptUI script the pages load (docs/hosted-fields.md). */
    public String acceptUi() {
        if (acceptUiUrl != null && !acceptUiUrl.isBlank()) {
            return acceptUiUrl;
        }
        return apiBase.contains("apitest.authorize.net") ? "https://jstest.authorize.net/v3/AcceptUI.js" : "https://js.authorize.net/v3/AcceptUI.js";
    }
}
