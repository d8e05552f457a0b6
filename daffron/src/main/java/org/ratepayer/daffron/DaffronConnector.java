package org.ratepayer.daffron;

import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.multispeak.CbEndpoint;
import org.ratepayer.multispeak.MultiSpeakClientFactory;
import org.ratepayer.multispeak.MultiSpeakException;
import org.ratepayer.multispeak.MultiSpeakFaultException;
import org.ratepayer.multispeak.MultiSpeakMalformedReplyException;
import org.ratepayer.multispeak.MultiSpeakTimeoutException;

/** Daffron (Milsoft Toolbox) over MultiSpeak 3.0, with the endpoints and credentials of the biller's settings 8–19. */
public final class DaffronConnector implements CisConnector {

    private final MultiSpeakClientFactory clients;
    private final DaffronBalanceMapper balances = new DaffronBalanceMapper();

    public DaffronConnector(MultiSpeakClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public String system() {
        return "daffron";
    }

    @Override
    public boolean balanceConfigured(CisBiller biller) {
        return biller.setting(DaffronSettings.RTDR_URL).isPresent();
    }

    @Override
    public LiveBalance balance(CisBiller biller, String accountNumber) {
        CbEndpoint endpoint = endpoint(biller, DaffronSettings.RTDR_URL, DaffronSettings.RTDR_USER, DaffronSettings.RTDR_PASSWORD,
                "real-time refresh");
        try {
            return balances.map(accountNumber, clients.client(endpoint).getPayableItemsList(accountNumber));
        } catch (MultiSpeakException e) {
            throw translate(e);
        }
    }

    @Override
    public java.util.Optional<java.net.URI> billPdf(CisBiller biller, org.ratepayer.cis.InvoiceRef invoice) {
        if (biller.setting(DaffronSettings.REMOTE_PDF_URL).isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            PdfLinkConfig config = PdfLinkConfig.fromSettings(biller.settings(),
                    JsonConfiguration.bctrValueAfterDash(biller.setting(DaffronSettings.JSON_CONFIGURATION).orElse(null)));
            return java.util.Optional.of(new PdfLinks(config).linkFor(new PdfInvoiceRef(invoice.custom(2), invoice.custom(3),
                    invoice.custom(9), invoice.custom(10), invoice.invoiceDate())));
        } catch (IllegalArgumentException e) {
            throw new CisException(CisException.Kind.NOT_CONFIGURED, "bill image link for invoice " + invoice.invoiceNumber()
                    + " of biller " + biller.bid() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<org.ratepayer.cis.PostingResult> post(CisBiller biller, java.util.List<org.ratepayer.cis.CisPosting> postings) {
        throw new UnsupportedOperationException("postings are being built (issue 5)");
    }

    CbEndpoint endpoint(CisBiller biller, int urlSetting, int userSetting, int passwordSetting, String purpose) {
        String url = biller.setting(urlSetting).orElseThrow(() -> new CisException(CisException.Kind.NOT_CONFIGURED,
                "biller " + biller.bid() + " has no " + purpose + " endpoint (advanced setting " + urlSetting + ")"));
        try {
            return new CbEndpoint(url, biller.setting(userSetting).orElse(""), biller.setting(passwordSetting).orElse(""),
                    biller.timeout(), biller.timeout());
        } catch (IllegalArgumentException e) {
            throw new CisException(CisException.Kind.NOT_CONFIGURED,
                    "biller " + biller.bid() + " advanced setting " + urlSetting + ": " + e.getMessage());
        }
    }

    static CisException translate(MultiSpeakException e) {
        CisException.Kind kind;
        if (e instanceof MultiSpeakTimeoutException) {
            kind = CisException.Kind.TIMEOUT;
        } else if (e instanceof MultiSpeakFaultException) {
            kind = CisException.Kind.REJECTED;
        } else if (e instanceof MultiSpeakMalformedReplyException) {
            kind = CisException.Kind.MALFORMED;
        } else {
            kind = CisException.Kind.UNAVAILABLE;
        }
        return new CisException(kind, e.getMessage(), e);
    }
}
