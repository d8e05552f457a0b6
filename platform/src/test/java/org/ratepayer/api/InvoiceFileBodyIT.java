package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/**
 * The invoice-file upload takes the body as the file whatever Content-Type the client sends: curl's
 * --data-binary (form-urlencoded), plain text, octet-stream, and multipart as browsers and curl -F send it.
 */
class InvoiceFileBodyIT extends PlatformIT {

    private static final String BOUNDARY = "----ratepayer-test-boundary";

    private String file(TestBiller b, String invoiceNumber, String amount) {
        return new BifText(b.guidText()).invoice(invoiceNumber, "9" + invoiceNumber.substring(0, 3) + "-1", "10/01/2026", amount,
                null).text();
    }

    private Reply post(TestBiller b, String query, String contentType, String body) {
        HttpRequest.Builder r = request("/api/v1/billers/" + b.bid() + "/invoice-files" + query).header("X-Api-Key", b.webServiceKey());
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return send(r.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void curlDataBinaryIsTheFileThoughItSaysFormUrlEncoded() {
        TestBiller b = newBiller();
        Reply r = post(b, "?fileName=curl.bif", "application/x-www-form-urlencoded", file(b, "900000000001", "92.94"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("IMPORTED");
        assertThat(r.json().get("fileName").asText()).isEqualTo("curl.bif");
        assertThat(r.json().get("invoices").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from invoice where biller_id = ? and invoice_number = '900000000001'", b.bid())).isEqualTo(1);
    }

    @Test
    void anyOtherContentTypeOrNoneIsTheFileToo() {
        TestBiller b = newBiller();
        assertThat(post(b, "?fileName=a.bif", "text/plain", file(b, "901000000001", "1.00")).status()).isEqualTo(201);
        assertThat(post(b, "?fileName=b.bif", "application/octet-stream", file(b, "902000000001", "2.00")).status()).isEqualTo(201);
        assertThat(post(b, "?fileName=c.bif", "application/json", file(b, "903000000001", "3.00")).status()).isEqualTo(201);
        assertThat(post(b, "?fileName=d%20e.bif", null, file(b, "904000000001", "4.00")).json().get("fileName").asText())
                .isEqualTo("d_e.bif");
    }

    @Test
    void aMultipartFilePartIsTheFileAndNamesIt() {
        TestBiller b = newBiller();
        String body = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"comment\"\r\n\r\nnot the file\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"" + b.bid() + "_10012026.bif\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + file(b, "905000000001", "5.00") + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
        Reply r = post(b, "", "multipart/form-data; boundary=" + BOUNDARY, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("fileName").asText()).isEqualTo(b.bid() + "_10012026.bif");
        assertThat(r.json().get("invoices").asInt()).isEqualTo(1);
    }

    @Test
    void aMultipartFieldNamedFileIsTheFileAndFileNameNamesIt() {
        TestBiller b = newBiller();
        String body = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"\r\n\r\n" + file(b, "906000000001", "6.00") + "\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"fileName\"\r\n\r\nfield.bif\r\n"
                + "--" + BOUNDARY + "--\r\n";
        Reply r = post(b, "", "multipart/form-data; boundary=" + BOUNDARY, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("fileName").asText()).isEqualTo("field.bif");
    }

    @Test
    void aMultipartBodyWithoutAFileIsA400NamingTheField() {
        TestBiller b = newBiller();
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n--" + BOUNDARY + "--\r\n";
        Reply r = post(b, "", "multipart/form-data; boundary=" + BOUNDARY, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("file").contains("curl -F file=@");
        assertThat(count("select count(*) from invoice_file where biller_id = ?", b.bid())).isZero();
    }
}
