package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.InvoiceRef;

class DaffronConnectorPdfTest {

    private final DaffronConnector connector = new DaffronConnector(null);

    private static CisBiller biller(Map<Integer, String> settings) {
        return new CisBiller(2661, settings, Map.of(), Duration.ofSeconds(5), TestPostings.SEED_ZONE);
    }

    private static final InvoiceRef INVOICE = new InvoiceRef("121940013401", "1234-2", LocalDate.of(2024, 8, 15),
            Map.of("custom2", "1234", "custom3", "2", "custom9", "12345", "custom10", "1234-12345"));

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

}
