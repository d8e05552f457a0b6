package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.InvoiceRef;

class DaffronConnectorPdfTest {

    private final DaffronConnector connector = new DaffronConnector(null);

    private static CisBiller biller(Map<Integer, String> settings) {
        return new CisBiller(2661, settings, Map.of(), Duration.ofSeconds(5), TestPostings.SEED_ZONE);
    }

    private static final InvoiceRef INVOICE = invoice(UUID.fromString("BA1CEC36-997C-48E3-8406-437640EDFF84"));

    private static InvoiceRef invoice(UUID format) {
        return new InvoiceRef("121940013401", "1234-2", LocalDate.of(2024, 8, 15),
                Map.of("custom2", "1234", "custom3", "2", "custom9", "12345", "custom10", "1234-12345"), format);
    }

    @Test
    void buildsTheLinkFromSettings20And119And131() {
        assertThat(connector.billPdf(biller(Map.of(20, "http://cis-host.example:8086/eprint/", 119, "4",
                131, "{\"PdfConfig\":{\"BCTRModifier\":\"ValueAfterDash\"}}")), INVOICE)).hasValueSatisfying(uri ->
                assertThat(uri.toString()).isEqualTo("http://cis-host.example:8086/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2"
                        + "&BCTR=12345&LDMO=202408&PRINT_FORM=TRUE"));
        assertThat(connector.billPdf(biller(Map.of(20, "http://cis-host.example:8086/eprint/")), INVOICE)).hasValueSatisfying(uri ->
                assertThat(uri.toString()).isEqualTo("http://cis-host.example:8086/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2"));
    }

    @Test
    void noPdfUrlMeansNoBillImageAndABadSettingIsNotConfigured() {
        assertThat(connector.billPdf(biller(Map.of()), INVOICE)).isEmpty();
        assertThatThrownBy(() -> connector.billPdf(biller(Map.of(20, "http://cis/eprint/", 119, "9")), INVOICE))
                .isInstanceOf(CisException.class).hasMessageContaining("119")
                .extracting(e -> ((CisException) e).kind()).isEqualTo(CisException.Kind.NOT_CONFIGURED);
    }

    /** Seed 002: only the InvoiceFormatGuid "Daffron - PDF Remote Link" is presented from the eprint service. */
    @Test
    void onlyTheDaffronPdfRemoteLinkFormatHasALink() {
        CisBiller biller = biller(Map.of(20, "http://cis-host.example:8086/eprint/"));

        assertThat(connector.billPdf(biller, invoice(UUID.fromString("ba1cec36-997c-48e3-8406-437640edff84"))))
                .hasValueSatisfying(uri -> assertThat(uri.toString())
                        .isEqualTo("http://cis-host.example:8086/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2"));
        assertThat(connector.billPdf(biller, invoice(UUID.fromString("0C7D5AE1-3B52-4C1B-9A8E-2F64D1E0B7A3")))).isEmpty();
        assertThat(connector.billPdf(biller, invoice(null))).as("no format given").isEmpty();
    }
}
