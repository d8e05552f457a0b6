package org.ratepayer.presentment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.InvoiceRef;
import org.ratepayer.cis.CisConnectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Bill images from the CIS (docs/presentment.md), streamed through Ratepayer: the payer never sees the CIS's
 * address, and callers only ask for an account the payer is already allowed to see.
 */
@Service
public class BillPdfService {

    private static final Logger log = LoggerFactory.getLogger(BillPdfService.class);

    private final BillerService billers;
    private final InvoiceQueries invoices;
    private final CisConnectors connectors;
    private final HttpClient http;
    private final Duration timeout;

    public BillPdfService(BillerService billers, InvoiceQueries invoices, CisConnectors connectors,
            @Value("${ratepayer.cis.timeout:5s}") Duration timeout) {
        this.billers = billers;
        this.invoices = invoices;
        this.connectors = connectors;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The stream of a bill image, to be closed by the caller. */
    public record Pdf(InputStream body, long length) {
    }

    /** Whether the biller presents this invoice's bill from the CIS at all (to show or hide the link). */
    public boolean available(long bid, InvoiceQueries.Invoice invoice) {
        return link(bid, invoice).isPresent();
    }

    public Optional<Pdf> fetch(long bid, InvoiceQueries.Invoice invoice) {
        Optional<URI> link = link(bid, invoice);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(link.get()).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200 || !type.toLowerCase().startsWith("application/pdf")) {
                r.body().close();
                log.warn("biller {} invoice {}: the CIS answered {} ({}) for the bill image", bid, invoice.invoiceNumber(),
                        r.statusCode(), type);
                return Optional.empty();
            }
            return Optional.of(new Pdf(r.body(), r.headers().firstValueAsLong("Content-Length").orElse(-1)));
        } catch (IOException e) {
            log.warn("biller {} invoice {}: bill image unavailable: {}", bid, invoice.invoiceNumber(), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<URI> link(long bid, InvoiceQueries.Invoice invoice) {
        Biller biller = billers.cachedBiller(bid);
        Optional<CisConnector> connector = connectors.forBiller(biller);
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> custom = new HashMap<>();
        put(custom, "custom2", invoice.custom2());
        put(custom, "custom3", invoice.custom3());
        put(custom, "custom4", invoice.custom4());
        put(custom, "custom9", invoice.custom9());
        put(custom, "custom10", invoice.custom10());
        try {
            return connector.get().billPdf(connectors.view(billers.cachedConfig(bid)),
                    new InvoiceRef(invoice.invoiceNumber(), invoice.accountNumber(), invoice.invoiceDate(), custom,
                            invoice.invoiceFormatGuid()));
        } catch (CisException e) {
            log.warn("biller {}: {}", bid, e.getMessage());
            return Optional.empty();
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
