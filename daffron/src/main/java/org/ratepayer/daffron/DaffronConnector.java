package org.ratepayer.daffron;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ratepayer.cis.AccountParts;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.DuplicateKey;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.CbClient;
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
    public LiveBalance balance(CisBiller biller, String accountNumber, AccountParts parts) {
        CbEndpoint endpoint = endpoint(biller, DaffronSettings.RTDR_URL, DaffronSettings.RTDR_USER, DaffronSettings.RTDR_PASSWORD,
                "real-time refresh");
        String cisAccount;
        try {
            cisAccount = accountNumbers(biller).of(accountNumber, parts);
        } catch (IllegalArgumentException e) {
            throw new CisException(CisException.Kind.NOT_CONFIGURED, "biller " + biller.bid() + ": " + e.getMessage(), e);
        }
        try {
            // the platform's name for the account, whatever the CIS was asked by
            return balances.map(accountNumber, clients.client(endpoint).getPayableItemsList(cisAccount));
        } catch (MultiSpeakException e) {
            throw translate(e);
        }
    }

    @Override
    public java.util.Optional<java.net.URI> billPdf(CisBiller biller, org.ratepayer.cis.InvoiceRef invoice) {
        // Only this format is presented from the eprint service; any other has no bill image here (docs/presentment.md).
        if (!PdfLinks.REMOTE_LINK_FORMAT.equals(invoice.invoiceFormatGuid())
                || biller.setting(DaffronSettings.REMOTE_PDF_URL).isEmpty()) {
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

    /** A biller without the endpoint of a kind of posting (settings 11, 14 or 17) learns of those some other way. */
    @Override
    public boolean postingConfigured(CisBiller biller, CisPosting posting) {
        return biller.setting(DataPumpEndpoint.of(posting).urlSetting).isPresent();
    }

    /**
     * docs/postings.md. Every call is prepared, and every endpoint it needs resolved, before the first one is
     * sent, so a configuration error never leaves a delivery half done. When a later call of a delivery
     * that mixes kinds gets no answer after an earlier one was answered, the earlier results are kept and
     * the postings not answered are FAILED with the reason, instead of throwing: throwing would make the
     * outbox send the answered ones again, and a history comment sent twice is written twice.
     */
    @Override
    public List<PostingResult> post(CisBiller biller, List<CisPosting> postings) {
        PostingPlan plan;
        try {
            plan = PostingPlan.of(postings, biller.timeZone(), () -> new PaymentTransactionMapper(PaymentPostingSettings.of(biller)),
                    accountNumbers(biller));
        } catch (IllegalArgumentException e) {
            throw new CisException(CisException.Kind.NOT_CONFIGURED, "biller " + biller.bid() + ": " + e.getMessage(), e);
        }
        Map<DataPumpEndpoint, CbClient> endpoints = new EnumMap<>(DataPumpEndpoint.class);
        for (CisCall call : plan.calls()) {
            DataPumpEndpoint target = call.endpoint();
            endpoints.computeIfAbsent(target, t -> clients.client(
                    endpoint(biller, t.urlSetting, t.userSetting, t.passwordSetting, t.purpose)));
        }
        PostingResult[] results = plan.settled();
        boolean answered = false;
        for (int c = 0; c < plan.calls().size(); c++) {
            CisCall call = plan.calls().get(c);
            List<PostingResult> outcome;
            try {
                outcome = call.send(endpoints.get(call.endpoint()));
            } catch (MultiSpeakException | CisException e) {
                CisException failure = e instanceof MultiSpeakException m ? translate(m) : (CisException) e;
                if (!answered) {
                    throw failure;
                }
                failRemaining(plan.calls().subList(c, plan.calls().size()), failure, results);
                break;
            }
            answered = true;
            for (int i = 0; i < outcome.size(); i++) {
                results[call.items().get(i).index()] = outcome.get(i);
            }
        }
        return List.of(results);
    }

    /**
     * The tender's transactionId, which Toolbox deduplicates payments by (docs/postings.md). With the seed's
     * default (the approval code) two payments can share it; PaymentGuid cannot.
     */
    @Override
    public java.util.Optional<DuplicateKey> duplicateKey(CisBiller biller, CisPosting.Payment payment) {
        PaymentTransactionMapper mapper;
        try {
            mapper = new PaymentTransactionMapper(PaymentPostingSettings.of(biller));
        } catch (IllegalArgumentException e) {
            throw new CisException(CisException.Kind.NOT_CONFIGURED, "biller " + biller.bid() + ": " + e.getMessage(), e);
        }
        return java.util.Optional.of(new DuplicateKey(mapper.transactionId(payment), "advanced setting "
                + DaffronSettings.JSON_CONFIGURATION + " Daffron.DataPumpConfigs.TransactionIdSource: "
                + DataPumpConfig.TransactionIdSource.PAYMENT_GUID.settingValue()));
    }

    private static void failRemaining(List<CisCall> calls, CisException failure, PostingResult[] results) {
        for (CisCall call : calls) {
            for (Outgoing<?> item : call.items()) {
                results[item.index()] = PostingResult.failed(item.postingId(), call.endpoint().operation.wireName()
                        + " got no usable answer (" + failure.kind() + "): " + failure.getMessage());
            }
        }
    }

    /** @throws IllegalArgumentException naming setting 1006 when its value is not one of its forms */
    private static CisAccountNumber accountNumbers(CisBiller biller) {
        return CisAccountNumber.parse(biller.setting(DaffronSettings.CIS_ACCOUNT_NUMBER).orElse(null));
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
