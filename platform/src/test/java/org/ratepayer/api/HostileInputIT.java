package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;

/**
 * What an outside caller can send that no well-behaved client would: NUL bytes, bytes that are not
 * ASCII in headers, broken JSON and XML, damaged form tokens, and bodies of tens of megabytes without
 * credentials. Each gets a clear 4xx (or a SOAP Client fault) that names the field and changes
 * nothing; none gets a 500, a stack trace or a Java class name; and a big body is refused before it
 * is read.
 */
class HostileInputIT extends PlatformIT {

    private static final String[] INTERNALS = {"org.", "java.", "com.", "JsonToken", "START_", "Constraints", "Exception",
            "XMLStreamReader", "Feature", "`"};
    private static final long BIG = 50L * 1024 * 1024;

    private TestBiller billerWithAccount(String account) {
        TestBiller b = newBiller();
        Reply r = upload(b, b.webServiceKey(), "f.bif", new BifText(b.guidText())
                .invoice(account.replace("-", "") + "000001", account, "10/01/2026", "88.10", null).text());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return b;
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain(INTERNALS);
    }

    private Reply apiPost(TestBiller b, String path, String json) {
        return send(request("/api/v1/billers/" + b.bid() + path).header("X-Api-Key", b.apiKey())
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private long payments(TestBiller b) {
        return count("select count(*) from payment where biller_id = ?", b.bid());
    }

    // --- 1. NUL and other odd values -------------------------------------------------------------

    @Test
    void aNulInAJsonBodyIsA400NamingTheField() {
        TestBiller b = billerWithAccount("7101-1");
        String card = "\"card\":{\"number\":\"4111111111111111\",\"expMonth\":12,\"expYear\":2031,\"cvv\":\"123\"}";
        String[][] cases = {
                {"{\"channel\":\"IVR\",\"accountNumber\":\"7101\\u0000-1\",\"amount\":88.10," + card + "}", "accountNumber"},
                {"{\"channel\":\"IVR\",\"accountNumber\":\"7101-1\",\"invoiceNumber\":\"a\\u0000\",\"amount\":88.10," + card + "}", "invoiceNumber"},
                {"{\"channel\":\"KIOSK\",\"accountNumber\":\"7101-1\",\"kioskId\":\"k\\u0000\",\"amount\":88.10," + card + "}", "kioskId"},
                {"{\"channel\":\"IVR\",\"accountNumber\":\"7101-1\",\"payerEmail\":\"a@b.example\\u0000\",\"amount\":88.10," + card + "}", "payerEmail"},
                {"{\"channel\":\"IVR\",\"accountNumber\":\"7101-1\",\"amount\":88.10,\"card\":{\"number\":\"4111\\u0000\",\"expMonth\":12}}", "card.number"},
        };
        for (String[] c : cases) {
            Reply r = apiPost(b, "/payments", c[0]);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asText()).isEqualTo(c[1]);
            assertThat(r.json().path("pointer").asText()).isEqualTo("/" + c[1].replace('.', '/'));
            assertThat(r.json().path("detail").asText()).contains("'" + c[1] + "'").contains("NUL character");
            assertNoInternals(r.body());
        }
        Reply scheduled = apiPost(b, "/accounts/7101-1/scheduled-payments",
                "{\"date\":\"2099-01-01\",\"amount\":10,\"invoiceNumber\":\"x\\u0000\"}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(400);
        assertThat(scheduled.json().path("field").asText()).isEqualTo("invoiceNumber");
        Reply biller = send(asOperator(request("/api/v1/billers")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bid\":" + (b.bid() + 500_000) + ",\"name\":\"N\\u0000\"}")));
        assertThat(biller.status()).as(biller.body()).isEqualTo(400);
        assertThat(biller.json().path("field").asText()).isEqualTo("name");
        assertThat(payments(b)).isZero();
        assertThat(count("select count(*) from biller where biller_id = ?", b.bid() + 500_000)).isZero();
    }

    @Test
    void aNulInAQueryParameterOrPathIsA400NamingIt() {
        TestBiller b = billerWithAccount("7102-1");
        String base = "/api/v1/billers/" + b.bid();
        RawHttp.Answer query = RawHttp.exchange(port, RawHttp.request("GET", base + "/invoices?account=7102%00-1",
                "X-Api-Key: " + b.apiKey() + "\r\n", new byte[0]));
        assertThat(query.status()).as(query.body()).isEqualTo(400);
        assertThat(query.header("Content-Type")).startsWith("application/problem+json");
        assertThat(query.body()).contains("\"field\":\"account\"").contains("NUL character");
        assertNoInternals(query.body());

        // Tomcat itself refuses an encoded NUL in the path, before any application code
        for (String path : new String[] {"/accounts/7102%00-1/balance", "/accounts/7102%00-1/emails"}) {
            RawHttp.Answer r = RawHttp.exchange(port, RawHttp.request("GET", base + path, "X-Api-Key: " + b.apiKey() + "\r\n",
                    new byte[0]));
            assertThat(r.status()).as(path).isEqualTo(400);
        }
        RawHttp.Answer name = RawHttp.exchange(port, RawHttp.request("GET", base + "/invoices?account=7102-1&a%01b=1",
                "X-Api-Key: " + b.apiKey() + "\r\n", new byte[0]));
        assertThat(name.status()).as(name.body()).isEqualTo(400);
        assertNoInternals(name.body());
    }

    @Test
    void headerValuesThatAreNotPrintableAreA400NamingTheHeader() {
        TestBiller b = billerWithAccount("7103-1");
        byte[] payment = ("{\"channel\":\"IVR\",\"accountNumber\":\"7103-1\",\"amount\":88.10,\"card\":{\"number\":\"4111111111111111\","
                + "\"expMonth\":12,\"expYear\":2031,\"cvv\":\"123\"}}").getBytes(StandardCharsets.UTF_8);
        String target = "/api/v1/billers/" + b.bid() + "/payments";
        // "ю" in UTF-8 is D1 8E; read as ISO-8859-1 the second byte is a C1 control character
        for (String header : new String[] {"Idempotency-Key", "X-File-Name", "Content-Type"}) {
            String value = "\u00d1\u008e";
            String headers = "X-Api-Key: " + b.apiKey() + "\r\n"
                    + (header.equals("Idempotency-Key") ? "" : "Idempotency-Key: k-" + header + "\r\n")
                    + (header.equals("Content-Type") ? "" : "Content-Type: application/json\r\n")
                    + header + ": " + value + "\r\n";
            RawHttp.Answer r = RawHttp.exchange(port, RawHttp.request("POST", target, headers, payment));
            assertThat(r.status()).as(header + ": " + r.body()).isEqualTo(400);
            assertThat(r.body().toLowerCase(java.util.Locale.ROOT)).contains("\"field\":\"" + header.toLowerCase(java.util.Locale.ROOT) + "\"");
            assertNoInternals(r.body());
        }
        // printable, but not ASCII: an idempotency key is ASCII (it is compared byte for byte by every client library)
        RawHttp.Answer latin = RawHttp.exchange(port, RawHttp.request("POST", target, "X-Api-Key: " + b.apiKey()
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: \u00c3\u00a9\r\n", payment));
        assertThat(latin.status()).as(latin.body()).isEqualTo(400);
        assertThat(latin.body()).contains("\"field\":\"Idempotency-Key\"").contains("ASCII");
        assertThat(payments(b)).isZero();
    }

    // --- 3. what a malformed body is told ---------------------------------------------------------

    @Test
    void malformedJsonIsToldTheFieldWhereAndWhatWasExpected() {
        TestBiller b = billerWithAccount("7104-1");
        Object[][] cases = {
                {"/payments", "[1]", null, "expected an object, got an array"},
                {"/payments", "\"x\"", null, "expected an object, got text"},
                // a passed limit is reported without a place: Jackson stops inside the number and says neither where nor which field
                {"/payments", "{\"channel\":\"IVR\",\"amount\":" + "1".repeat(1200) + "}", null, "invalid JSON: a number of 1200 digits"},
                {"/payments", "{\"channel\":[\"IVR\"]}", "channel", "expected text, got an array"},
                {"/payments", "{\"card\":{\"expMonth\":\"May\"}}", "card.expMonth", "expected a whole number, got \"May\""},
                {"/payments", "{\"card\":{\"expMonth\":99999999999}}", "card.expMonth", "expected a whole number from"},
                {"/payments", "{\"amount\":NaN}", "amount", "'NaN' is not a number JSON allows"},
                {"/payments", "{\"channel\":\"IVR\",\n \"amount\": abc}", "amount", "line 2, column"},
                {"/payments", "[".repeat(1200), null, "expected an object, got an array"},
                {"/accounts/7104-1/paperless", "{\"enrolled\":true,\"enrolled\":false}", "enrolled", "property 'enrolled' appears twice"},
                {"/accounts/7104-1/scheduled-payments", "{\"date\":\"2099-02-30\"}", "date", "expected a date as yyyy-MM-dd"},
        };
        for (Object[] c : cases) {
            String path = (String) c[0];
            Reply r = path.endsWith("paperless")
                    ? send(request("/api/v1/billers/" + b.bid() + path).header("X-Api-Key", b.apiKey())
                            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString((String) c[1])))
                    : apiPost(b, path, (String) c[1]);
            assertThat(r.status()).as(c[1] + " -> " + r.body()).isEqualTo(400);
            JsonNode p = r.json();
            assertThat(p.path("detail").asText()).as((String) c[1]).contains((String) c[3]);
            if (c[2] != null) {
                assertThat(p.path("field").asText()).isEqualTo(c[2]);
                assertThat(p.path("pointer").asText()).isEqualTo("/" + ((String) c[2]).replace('.', '/'));
            }
            if (!((String) c[3]).contains("digits")) {
                assertThat(p.path("detail").asText()).contains("line ").contains("column ");
                assertThat(p.path("line").isInt()).as(r.body()).isTrue();
                assertThat(p.path("column").isInt()).as(r.body()).isTrue();
            }
            assertNoInternals(r.body());
        }
        Reply limit = getJson("/api/v1/billers/" + b.bid() + "/invoice-files?limit=ten", b.webServiceKey());
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().path("field").asText()).isEqualTo("limit");
        assertThat(limit.json().path("detail").asText()).contains("whole number");
        assertThat(payments(b)).isZero();
    }

    @Test
    void payNowTellsWhatIsWrongInPlainWordsToo() {
        TestBiller b = newBiller();
        String auth = "Basic " + Base64.getEncoder().encodeToString(b.cpv2Key().getBytes(StandardCharsets.UTF_8));
        String[][] cases = {
                {"[".repeat(1200), "nested 1001 levels deep"},
                {"{\"ViewMode\":" + "1".repeat(1200) + "}", "a number of 1200 digits"},
                {"{\"Customers\":[{\"AccountNumber\":\"A\",}]}", "expected a property name in double quotes"},
                {"{\"ViewMode\":1} {\"x\":1}", "more follows the end of the JSON value"},
        };
        for (String[] c : cases) {
            Reply r = send(request("/cloudpaymentsapi/v2").header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(c[0])));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("detail").asText()).contains(c[1]).startsWith("invalid JSON");
            assertNoInternals(r.body());
        }
    }

    // --- 1. the payment page ------------------------------------------------------------------------

    private record PageSession(String cookie, String csrf) {
    }

    private PageSession openPayPage(TestBiller b) throws Exception {
        HttpResponse<String> page = http.send(request("/pay/" + b.bid()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        return new PageSession(cookie, m.group(1));
    }

    private HttpResponse<String> postForm(String path, PageSession s, String form) throws Exception {
        return http.send(request(path).header("Cookie", s.cookie()).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownBillersPageIsNotFound() throws Exception {
        HttpResponse<String> r = http.send(request("/pay/" + (newBiller().bid() + 900_000)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Page not found");
    }

    @Test
    void aDamagedFormTokenIsAnExpiredSessionPageNotAnError() throws Exception {
        TestBiller b = billerWithAccount("7105-1");
        PageSession s = openPayPage(b);
        // The token is base64url of random bytes and those bytes XOR the session's token: this one decodes to
        // bytes that are not UTF-8, which is what a token damaged in transit or by hand can do.
        int half = Base64.getUrlDecoder().decode(s.csrf()).length / 2;
        byte[] damaged = new byte[2 * half];
        java.util.Arrays.fill(damaged, half, damaged.length, (byte) 0xFF);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(damaged);
        HttpResponse<String> r = postForm("/pay/" + b.bid(), s, "_csrf=" + token + "&accountNumber=7105-1&secondValue=12345");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Your session has expired");
    }

    @Test
    void aNulInThePaymentFormIsABadRequestNotAnError() throws Exception {
        TestBiller b = billerWithAccount("7106-1");
        PageSession s = openPayPage(b);
        HttpResponse<String> r = postForm("/pay/" + b.bid(), s, "_csrf=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8)
                + "&accountNumber=7106%00-1&secondValue=12345");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(INTERNALS);
    }

    // --- 2. SOAP faults ---------------------------------------------------------------------------------

    private static final String SOAP_NS = "http://ratepayer.org/portal/webservices/CloudInvoicing/";

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private static String upload(String guid, String key, String contents) {
        return "<UploadInvoiceFile xmlns=\"" + SOAP_NS + "\"><BillerGUID>" + guid + "</BillerGUID><WebServiceKey>" + key
                + "</WebServiceKey><FileName>f.bif</FileName><FileContents>" + contents + "</FileContents></UploadInvoiceFile>";
    }

    private Reply soap(String xml) {
        return send(request("/portal/webservices/CloudInvoicing.asmx").header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));
    }

    private static String faultcode(Reply r) {
        Matcher m = Pattern.compile("<faultcode>([^<]*)</faultcode>").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    private static String faultstring(Reply r) {
        Matcher m = Pattern.compile("<faultstring>([^<]*)</faultstring>").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void soapFaultsForWhatTheCallerSentAreClientFaultsInPlainWords() {
        TestBiller b = newBiller();
        Reply wrongKey = soap(envelope(upload(b.guidText(), "rp_test_ws_wrong", "FH|x")));
        assertThat(wrongKey.status()).isEqualTo(500);
        assertThat(faultcode(wrongKey)).isEqualTo("soap:Client");
        assertThat(faultstring(wrongKey)).isEqualTo("BillerGUID and WebServiceKey do not match a biller");

        String[][] cases = {
                {envelope(upload(b.guidText(), "a&#0;b", "x")), "not allowed in XML"},
                {"<a", "not well-formed XML"},
                {"{}", "not well-formed XML"},
                {"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>", "DOCTYPE"},
                {envelope(""), "UploadInvoiceFile"},
                {envelope("<Other xmlns=\"" + SOAP_NS + "\"/>"), "UploadInvoiceFile"},
                {envelope("<UploadInvoiceFile xmlns=\"" + SOAP_NS + "\"><Nope>1</Nope></UploadInvoiceFile>"), "Nope"},
        };
        for (String[] c : cases) {
            Reply r = soap(c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(500);
            assertThat(faultcode(r)).as(c[0] + " -> " + r.body()).isEqualTo("soap:Client");
            assertThat(faultstring(r)).as(c[0]).contains(c[1]);
            assertNoInternals(faultstring(r));
        }
        assertThat(count("select count(*) from invoice_file where biller_id = ?", b.bid())).isZero();
    }

    // --- 4. big bodies without credentials --------------------------------------------------------------

    /**
     * What the client got into the socket buffers (a few MB on loopback) plus what the server read: a server
     * that reads the body before answering lets all 50 MB through, and CXF, left alone, drains 16 MB first.
     */
    private static void assertRefusedEarly(RawHttp.Streamed s) {
        assertThat(s.sentWhenAnswered()).as("bytes sent when the answer came").isLessThan(16L * 1024 * 1024);
        assertThat(s.completed()).as("the server stopped reading and closed: the client could not send it all").isFalse();
        assertThat(s.sent()).isLessThan(BIG);
    }

    @Test
    void aSoapUploadWithAWrongKeyIsRefusedBeforeItsFileIsRead() throws Exception {
        TestBiller b = newBiller();
        String xml = envelope(upload(b.guidText(), "rp_test_ws_wrong", "@"));
        String[] halves = xml.split("@");
        RawHttp.Streamed s = RawHttp.stream(port, "POST /portal/webservices/CloudInvoicing.asmx HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \"" + SOAP_NS + "UploadInvoiceFile\"\r\n",
                halves[0].getBytes(StandardCharsets.UTF_8), (byte) 'A', halves[1].getBytes(StandardCharsets.UTF_8), BIG);
        assertThat(s.answer().status()).isEqualTo(500);
        assertThat(s.answer().body()).contains("<faultcode>soap:Client</faultcode>")
                .contains("BillerGUID and WebServiceKey do not match a biller");
        assertRefusedEarly(s);
    }

    @Test
    void aSoapUploadWithoutAKeyNearTheStartIsRefusedBeforeItsFileIsRead() throws Exception {
        TestBiller b = newBiller();
        String xml = envelope("<UploadInvoiceFile xmlns=\"" + SOAP_NS + "\"><BillerGUID>" + b.guidText()
                + "</BillerGUID><FileContents>@</FileContents><WebServiceKey>" + b.webServiceKey() + "</WebServiceKey></UploadInvoiceFile>");
        String[] halves = xml.split("@");
        RawHttp.Streamed s = RawHttp.stream(port, "POST /portal/webservices/CloudInvoicing.asmx HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: text/xml; charset=utf-8\r\n",
                halves[0].getBytes(StandardCharsets.UTF_8), (byte) 'A', halves[1].getBytes(StandardCharsets.UTF_8), BIG);
        assertThat(s.answer().status()).isEqualTo(500);
        assertThat(s.answer().body()).contains("<faultcode>soap:Client</faultcode>").contains("WebServiceKey");
        assertRefusedEarly(s);
    }

    @Test
    void thePaymentPageRefusesABigFormBeforeReadingIt() throws Exception {
        TestBiller b = billerWithAccount("7107-1");
        PageSession session = openPayPage(b);
        String head = "POST /pay/" + b.bid() + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + session.cookie() + "\r\nAccept: text/html\r\n";
        RawHttp.Streamed form = RawHttp.stream(port, head + "Content-Type: application/x-www-form-urlencoded\r\n",
                ("_csrf=" + session.csrf() + "&accountNumber=").getBytes(StandardCharsets.US_ASCII), (byte) '1', new byte[0], BIG);
        assertThat(form.answer().status()).isEqualTo(413);
        assertRefusedEarly(form);

        byte[] part = ("--XyZ\r\nContent-Disposition: form-data; name=\"accountNumber\"; filename=\"a.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Streamed multipart = RawHttp.stream(port, head + "Content-Type: multipart/form-data; boundary=XyZ\r\n",
                part, (byte) '1', "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII), BIG);
        assertThat(multipart.answer().status()).isEqualTo(413);
        assertRefusedEarly(multipart);

        // the page itself still works
        HttpResponse<String> small = postForm("/pay/" + b.bid(), session, "_csrf=" + URLEncoder.encode(session.csrf(),
                StandardCharsets.UTF_8) + "&accountNumber=7107-1&secondValue=00000");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).contains("We could not find an account");
    }

    @Test
    void theFormVariantOfTheUploadAuthenticatesBeforeItReadsTheFile() throws Exception {
        TestBiller b = newBiller();
        String head = "POST /portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n";
        RawHttp.Streamed wrongKey = RawHttp.stream(port, head, ("BillerGUID=" + b.guidText()
                        + "&WebServiceKey=rp_test_ws_wrong&FileName=f.bif&FileContents=").getBytes(StandardCharsets.US_ASCII),
                (byte) 'A', new byte[0], BIG);
        assertThat(wrongKey.answer().status()).isEqualTo(401);
        assertThat(wrongKey.answer().body()).contains("<Status>DENIED</Status>").contains("do not match a biller");
        assertRefusedEarly(wrongKey);

        RawHttp.Streamed keyLast = RawHttp.stream(port, head, ("BillerGUID=" + b.guidText() + "&FileContents=")
                .getBytes(StandardCharsets.US_ASCII), (byte) 'A', ("&WebServiceKey=" + b.webServiceKey())
                .getBytes(StandardCharsets.US_ASCII), BIG);
        assertThat(keyLast.answer().status()).isEqualTo(401);
        assertThat(keyLast.answer().body()).contains("before FileContents");
        assertRefusedEarly(keyLast);

        String multipartHead = head.replace("application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ");
        RawHttp.Streamed multipart = RawHttp.stream(port, multipartHead, ("--XyZ\r\nContent-Disposition: form-data; name=\"BillerGUID\"\r\n\r\n"
                        + b.guidText() + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"WebServiceKey\"\r\n\r\nrp_test_ws_wrong\r\n"
                        + "--XyZ\r\nContent-Disposition: form-data; name=\"FileContents\"; filename=\"f.bif\"\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII), (byte) 'A', "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII), BIG);
        assertThat(multipart.answer().status()).isEqualTo(401);
        assertRefusedEarly(multipart);
        assertThat(count("select count(*) from invoice_file where biller_id = ?", b.bid())).isZero();
    }

    @Test
    void theFormVariantStillTakesABigFileWithTheRightKey() {
        TestBiller b = newBiller();
        BifText bif = new BifText(b.guidText());
        for (int i = 0; i < 3000; i++) {
            bif.invoice(String.format("72%010d", i), String.format("72%05d-1", i), "10/01/2026", "10.00", null);
        }
        String file = bif.text();
        assertThat(file.length()).isGreaterThan(256 * 1024);
        String form = "BillerGUID=" + URLEncoder.encode(b.guidText(), StandardCharsets.UTF_8) + "&WebServiceKey="
                + URLEncoder.encode(b.webServiceKey(), StandardCharsets.UTF_8) + "&FileName=big.bif&FileContents="
                + URLEncoder.encode(file, StandardCharsets.UTF_8);
        Reply r = send(request("/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<Status>IMPORTED</Status>").contains("<InvoiceCount>3000</InvoiceCount>");

        String boundary = "----b" + b.bid();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"BillerGUID\"\r\n\r\n" + b.guidText()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"WebServiceKey\"\r\n\r\n" + b.webServiceKey()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"FileName\"\r\n\r\nagain.bif"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"FileContents\"; filename=\"again.bif\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + Base64.getMimeEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8))
                + "\r\n--" + boundary + "--\r\n";
        Reply again = send(request("/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("<Status>ALREADY_IMPORTED</Status>");
    }

    @Test
    void theApiRefusesAWrongKeyWithoutReadingTheBodyAndStillTakesBigFilesWithTheRightOne() throws Exception {
        TestBiller b = newBiller();
        String target = "/api/v1/billers/" + b.bid() + "/invoice-files?fileName=big.bif";
        RawHttp.Streamed wrong = RawHttp.stream(port, "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: rp_test_ws_wrong\r\n"
                + "Content-Type: application/octet-stream\r\n", new byte[0], (byte) 'A', new byte[0], BIG);
        assertThat(wrong.answer().status()).isEqualTo(401);
        assertRefusedEarly(wrong);

        // far past every limit on the way (64 KB pages, 2 MB drained after an early answer); hundreds of MB only take longer
        long huge = 128L * 1024 * 1024;
        RawHttp.Streamed right = RawHttp.stream(port, "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + b.webServiceKey()
                + "\r\nContent-Type: application/octet-stream\r\n", new byte[0], (byte) 'A', new byte[0], huge);
        assertThat(right.completed()).isTrue();
        assertThat(right.sent()).isEqualTo(huge);
        assertThat(right.answer().status()).as(right.answer().body()).isEqualTo(422);
        assertThat(right.answer().body()).contains("big.bif was rejected");
    }
}
