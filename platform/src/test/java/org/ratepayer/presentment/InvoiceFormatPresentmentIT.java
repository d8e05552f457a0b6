package org.ratepayer.presentment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/**
 * Seed 002: the InvoiceFormatGuid "Daffron - PDF Remote Link" is what makes an invoice's bill come from
 * the CIS's eprint service (docs/presentment.md). An invoice of another format offers no bill link,
 * and asking for its bill anyway is a 404 that never reaches the CIS.
 */
class InvoiceFormatPresentmentIT extends PlatformIT {

    private static final String DAFFRON_PDF = "BA1CEC36-997C-48E3-8406-437640EDFF84";
    private static final String OTHER_FORMAT = "0C7D5AE1-3B52-4C1B-9A8E-2F64D1E0B7A3";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final byte[] PDF = "%PDF-1.4 bill".getBytes(StandardCharsets.US_ASCII);

    /** The eprint service: every query it was asked is kept. */
    private HttpServer eprint;
    private final List<String> eprintQueries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEprint() throws IOException {
        eprint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        eprint.createContext("/eprint/", exchange -> {
            eprintQueries.add(exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().set("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, PDF.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PDF);
            }
        });
        eprint.start();
    }

    @AfterEach
    void stopEprint() {
        eprint.stop(0);
    }

    private TestBiller billerWith(String account, String formatGuid) {
        TestBiller b = newBiller();
        assertThat(operatorPut("/api/v1/billers/" + b.bid() + "/settings/20",
                "{\"value\":\"http://127.0.0.1:" + eprint.getAddress().getPort() + "/eprint/\"}").status()).isEqualTo(200);
        String file = new BifText(b.guidText()).invoice(account.replace("-", "") + "0000001", account, "10/01/2026", "88.10", null)
                .text().replace(DAFFRON_PDF, formatGuid);
        assertThat(upload(b, b.webServiceKey(), "f.bif", file).status()).isEqualTo(201);
        return b;
    }

    @Test
    void theDaffronPdfRemoteLinkFormatOffersTheBillFromTheCis() {
        TestBiller b = billerWith("4201-1", DAFFRON_PDF);
        HttpClient payer = foundAccount(b, "4201-1");

        assertThat(get(payer, "/pay/" + b.bid() + "/account").body()).contains("id=\"view-bill\"");
        HttpResponse<byte[]> bill = getBytes(payer, "/pay/" + b.bid() + "/bill.pdf");
        assertThat(bill.statusCode()).isEqualTo(200);
        assertThat(bill.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(bill.body()).isEqualTo(PDF);
        assertThat(eprintQueries).containsExactly("PROCESSING_TYPE=HISTORY&ACCT=4201&SUB=1");
    }

    @Test
    void anotherFormatOffersNoBillAndAskingAnywayIsA404WithoutCallingTheCis() {
        TestBiller b = billerWith("4202-1", OTHER_FORMAT);
        assertThat(jdbc.sql("select invoice_format_guid::text from invoice where biller_id = ?").param(b.bid())
                .query(String.class).single()).isEqualToIgnoringCase(OTHER_FORMAT);
        HttpClient payer = foundAccount(b, "4202-1");

        assertThat(get(payer, "/pay/" + b.bid() + "/account").body()).doesNotContain("view-bill").doesNotContain("bill.pdf");
        HttpResponse<String> bill = get(payer, "/pay/" + b.bid() + "/bill.pdf");
        assertThat(bill.statusCode()).isEqualTo(404);
        assertThat(bill.body()).contains("This bill has no bill image.");
        assertThat(eprintQueries).isEmpty();
    }

    /** A payer's browser that has found the account on the payment page (account number and ZIP). */
    private HttpClient foundAccount(TestBiller b, String account) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = get(browser, "/pay/" + b.bid());
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).as("the search form carries a CSRF token").isTrue();
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        String body = "_csrf=" + enc(token) + "&accountNumber=" + enc(account) + "&secondValue=49331";
        HttpResponse<String> found = exchange(browser, request("/pay/" + b.bid())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(302);
        return browser;
    }

    private HttpResponse<String> get(HttpClient client, String path) {
        return exchange(client, request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(HttpClient client, String path) {
        return exchange(client, request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> exchange(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
