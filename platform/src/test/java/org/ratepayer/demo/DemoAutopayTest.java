package org.ratepayer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.bif.BifGenerator;
import org.ratepayer.bif.BifInvoice;
import org.ratepayer.bif.BifOptions;
import org.ratepayer.bif.BifReader;
import org.ratepayer.bif.BifResult;
import org.ratepayer.bif.FileSpec;
import org.ratepayer.bif.FileSpecIds;
import org.ratepayer.billers.Biller;

/** The demo's autopay bill of the day, as the file the demo imports says it (docs/operations.md, "Autopay in the demo"). */
class DemoAutopayTest {

    private static final String GUID = "AFEAA447-E96A-40D2-B0A2-AEC572409BEA";
    private static final Biller DEMO = new Biller(2178, UUID.fromString(GUID), "Demo", "daffron", DemoAutopay.fileSpec(),
            ZoneId.of("America/New_York"), null);

    /** Any day, the 1st (the main sample's own invoice date) and the year's last included. */
    @ParameterizedTest
    @CsvSource({"2026-12-05, 12/05/2026, AP-20261205-1981-1", "2026-12-01, 12/01/2026, AP-20261201-1981-1",
            "2026-12-31, 12/31/2026, AP-20261231-1981-1"})
    void oneBillOfTheAccountDatedAndCollectedToday(LocalDate today, String bifDate, String number) throws Exception {
        StringWriter out = new StringWriter();
        DemoAutopay.write(out, DEMO, today);
        List<BifInvoice> read = new ArrayList<>();
        BifResult result = new BifReader(DEMO.fileSpec()).read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)),
                BifOptions.defaults().withExpectedBillerGuid(GUID), read::add);

        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        assertThat(read).hasSize(1);
        BifInvoice bill = read.get(0);
        assertThat(bill.accountNumber()).isEqualTo("1981-1").isEqualTo(DemoAutopay.accountNumber(DEMO));
        assertThat(bill.invoiceNumber()).isEqualTo(number);
        assertThat(bill.invoiceDate()).isEqualTo(today);
        assertThat(bill.header().get(FileSpecIds.AUTOPAY_COLLECTION_DATE)).isEqualTo(bifDate);
        BifInvoice generated = new BifGenerator(2178).invoice(DemoAutopay.ACCOUNT_INDEX, today);
        assertThat(bill.totalAmountDue()).isEqualByComparingTo(generated.totalAmountDue());
        assertThat(bill.invoiceNumber()).as("not the main sample's invoice of the same date").isNotEqualTo(generated.invoiceNumber());
        assertThat(bill.customer().get(FileSpecIds.BLOCK_PAYMENTS_CC)).as("it takes cards").isEqualTo("N");
        assertThat(bill.customer().get(FileSpecIds.EMAIL_ADDRESS)).as("its receipt has somewhere to go").isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"FH; 1,2,4,5,6", "IH; 7,8,9,10,11,12,13,39,40,41,46,47,407,2002",
            "CR; 58,59,60,61,62,63,64,65,66,67,356,373", "ID; 70,2101,2102"})
    void theDemoBillersLayoutIsDaffronsWithAutoPayCollectionDate(String row, String ids) {
        String spec = DemoAutopay.fileSpec().format();
        assertThat(spec).contains(row + "=" + ids.replace(" ", ""));
        assertThat(FileSpec.parse(spec)).isEqualTo(DemoAutopay.fileSpec());
    }
}
