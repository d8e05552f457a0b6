package org.ratepayer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.ws.WebServiceException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.PlatformIT;
import org.ratepayer.billing.web.soap.CloudInvoicingService;
import org.ratepayer.billing.web.soap.UploadInvoiceFileResult;
import org.ratepayer.billing.DropFolderScanner;
import org.ratepayer.billing.ImportOutcome;
import org.springframework.beans.factory.annotation.Autowired;

/** The same import behind the SOAP web service, its form variant and the drop folder. */
class UploadDoorsIT extends PlatformIT {

    @Autowired
    DropFolderScanner dropFolder;

    private CloudInvoicingService soapClient() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(CloudInvoicingService.class);
        factory.setAddress(url("/portal/webservices/CloudInvoicing.asmx"));
        return (CloudInvoicingService) factory.create();
    }

    @Test
    void soapUploadImportsAndReportsErrors() {
        TestBiller b = newBiller();
        CloudInvoicingService client = soapClient();
        String good = new BifText(b.guidText()).invoice("800000000001", "8001-1", "10/01/2026", "42.42", null).text();
        UploadInvoiceFileResult ok = client.uploadInvoiceFile(b.guidText(), b.webServiceKey(), b.bid() + "_10012026.bif", good);
        assertThat(ok.success).isTrue();
        assertThat(ok.status).isEqualTo("IMPORTED");
        assertThat(ok.invoiceCount).isEqualTo(1);
        assertThat(ok.totalAmountDue).isEqualByComparingTo("42.42");

        String base64 = Base64.getEncoder().encodeToString(good.getBytes(StandardCharsets.UTF_8));
        UploadInvoiceFileResult again = client.uploadInvoiceFile(b.guidText(), b.webServiceKey(), "again.bif", base64);
        assertThat(again.status).isEqualTo("ALREADY_IMPORTED");

        UploadInvoiceFileResult bad = client.uploadInvoiceFile(b.guidText(), b.webServiceKey(), "bad.bif",
                good.replace("42.42", "4x.42"));
        assertThat(bad.success).isFalse();
        assertThat(bad.errors).anySatisfy(e -> assertThat(e).startsWith("line 2, field TotalAmountDue (FileSpecId 13): "));

        assertThatThrownBy(() -> client.uploadInvoiceFile(b.guidText(), "rp_test_ws_wrong", "x.bif", good))
                .isInstanceOf(WebServiceException.class).hasMessageEndingWith("BillerGUID and WebServiceKey do not match a biller");
        TestBiller other = newBiller();
        assertThatThrownBy(() -> client.uploadInvoiceFile(b.guidText(), other.webServiceKey(), "x.bif", good))
                .isInstanceOf(WebServiceException.class);
    }

    @Test
    void theWsdlIsServed() {
        Reply wsdl = send(request("/portal/webservices/CloudInvoicing.asmx?wsdl").GET());
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("UploadInvoiceFile").contains("BillerGUID").contains("FileContents");
    }

    @Test
    void formPostVariantAnswersInXml() {
        TestBiller b = newBiller();
        String file = new BifText(b.guidText()).invoice("810000000001", "8101-1", "10/01/2026", "5.00", null).text();
        String form = "BillerGUID=" + enc(b.guidText()) + "&WebServiceKey=" + enc(b.webServiceKey())
                + "&FileName=form.bif&FileContents=" + enc(file);
        Reply r = send(request("/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<Success>true</Success>").contains("<Status>IMPORTED</Status>")
                .contains("<Warnings><Warning>file name \"form.bif\" does not follow the convention BID_MMDDYYYY.bif (e.g. "
                        + b.bid() + "_12012026.bif)</Warning></Warnings>");

        Reply denied = send(request("/portal/webservices/CloudInvoicing.asmx/UploadInvoiceFile")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("BillerGUID=" + enc(b.guidText()) + "&WebServiceKey=nope&FileContents=x")));
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.body()).contains("do not match a biller");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void dropFolderMovesAcceptedAndRejectedFilesWithAReport() throws Exception {
        TestBiller b = newBiller();
        Path dir = dropFolder.landingDirectory(b.bid());
        Files.createDirectories(dir);
        Path good = dir.resolve(b.bid() + "_10012026.bif");
        Files.writeString(good, new BifText(b.guidText()).invoice("820000000001", "8201-1", "10/01/2026", "9.99", null).text());
        Path bad = dir.resolve(b.bid() + "_10022026.bif");
        Files.writeString(bad, "IH|R\n");
        Path uploading = dir.resolve("next.bif.part");
        Files.writeString(uploading, "FH|");
        for (Path p : new Path[] {good, bad, uploading}) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
        }

        var results = dropFolder.scan(b.bid());
        assertThat(results).extracting(r -> r.outcome().status())
                .containsExactly(ImportOutcome.Status.IMPORTED, ImportOutcome.Status.REJECTED);
        assertThat(dir.resolve("processed").resolve(good.getFileName())).exists();
        assertThat(dir.resolve("rejected").resolve(bad.getFileName())).exists();
        assertThat(Files.readString(dir.resolve("rejected").resolve(bad.getFileName() + ".errors.txt")))
                .contains("was rejected with").contains("line 1");
        assertThat(uploading).exists();
        assertThat(good).doesNotExist();
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isEqualTo(1);
    }

    @Test
    void dropFolderWritesAWarningsReportBesideAnAcceptedFileOffTheNamingConvention() throws Exception {
        TestBiller b = newBiller();
        Path dir = dropFolder.landingDirectory(b.bid());
        Files.createDirectories(dir);
        Path conventional = dir.resolve(b.bid() + "_10012026.bif");
        Files.writeString(conventional, new BifText(b.guidText()).invoice("830000000001", "8301-1", "10/01/2026", "9.99", null).text());
        Path offConvention = dir.resolve(b.bid() + "_10322026.bif");
        Files.writeString(offConvention, new BifText(b.guidText()).invoice("830000000002", "8302-1", "10/01/2026", "1.99", null).text());
        for (Path p : new Path[] {conventional, offConvention}) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
        }

        var results = dropFolder.scan(b.bid());
        assertThat(results).extracting(r -> r.outcome().status())
                .containsExactly(ImportOutcome.Status.IMPORTED, ImportOutcome.Status.IMPORTED);
        Path processed = dir.resolve("processed");
        assertThat(processed.resolve(conventional.getFileName() + ".warnings.txt")).doesNotExist();
        assertThat(Files.readString(processed.resolve(offConvention.getFileName() + ".warnings.txt"))).isEqualTo(
                offConvention.getFileName() + " was imported with 1 warning:\n"
                        + "file name \"" + offConvention.getFileName() + "\": \"10322026\" is not a date (expected MMDDYYYY)\n");
        assertThat(count("select count(*) from invoice_file where biller_id = ? and name_warning like '%is not a date%'",
                b.bid())).isEqualTo(1);
    }
}
