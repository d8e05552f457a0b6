package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BifGeneratorTest {

    private static final LocalDate MARCH = LocalDate.of(2024, 3, 1);
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 1);

    private static BifWriterTest.Capture generate(long seed, FileSpec spec, int count, LocalDate date,
                                                  GeneratedFileStats[] stats) throws IOException {
        StringWriter out = new StringWriter();
        stats[0] = new BifGenerator(seed).write(out, spec, TestFiles.BILLER_GUID, count, date);
        return BifWriterTest.Capture.read(spec, out.toString());
    }

    @Test
    void writesAValidFileWhoseStatsMatch() throws IOException {
        GeneratedFileStats[] stats = new GeneratedFileStats[1];
        BifWriterTest.Capture file = generate(42, FileSpec.daffronDefault(), 2_000, MARCH, stats);

        assertThat(file.result.valid()).isTrue();
        assertThat(stats[0].invoices()).isEqualTo(2_000);
        assertThat(file.result.invoices()).isEqualTo(2_000);
        assertThat(file.result.totalAmountDue()).isEqualByComparingTo(stats[0].total());
        assertThat(file.header.totalInvoiceAmount()).isEqualByComparingTo(stats[0].total());
        assertThat(file.header.invoiceCount()).isEqualTo(2_000);
        assertThat(file.invoices).hasSize(2_000);
    }

    @Test
    void dataLooksLikeADaffronBillingRun() throws IOException {
        GeneratedFileStats[] stats = new GeneratedFileStats[1];
        List<BifInvoice> invoices = generate(42, FileSpec.daffronDefault(), 1_000, MARCH, stats).invoices;
        Set<String> accounts = new HashSet<>();
        int withoutEmail = 0;
        int pastDue = 0;
        for (BifInvoice invoice : invoices) {
            BifRow ih = invoice.header();
            BifRow cr = invoice.customer();
            assertThat(accounts.add(invoice.accountNumber())).isTrue();
            assertThat(invoice.accountNumber()).isEqualTo(ih.get(FileSpecIds.CUSTOM2) + "-" + ih.get(FileSpecIds.CUSTOM3));
            assertThat(Long.parseLong(ih.get(FileSpecIds.CUSTOM2))).isGreaterThanOrEqualTo(1001);
            assertThat(ih.get(FileSpecIds.CUSTOM3)).isIn("1", "2", "3");
            assertThat(ih.get(FileSpecIds.CUSTOM4)).matches("\\d{12}");
            assertThat(ih.get(FileSpecIds.CUSTOM10)).isEqualTo(ih.get(FileSpecIds.CUSTOM2) + "-" + ih.get(FileSpecIds.CUSTOM9));
            assertThat(ih.get(FileSpecIds.INVOICE_FORMAT_GUID)).isEqualTo(BifGenerator.DAFFRON_PDF_FORMAT_GUID);
            assertThat(invoice.invoiceNumber()).matches("\\d{12}");
            assertThat(invoice.invoiceDate()).isEqualTo(MARCH);
            assertThat(invoice.dueDate()).isAfter(MARCH);
            assertThat(cr.get(FileSpecIds.ZIP)).matches("\\d{5}");
            assertThat(cr.get(FileSpecIds.STATE)).matches("[A-Z]{2}");
            assertThat(invoice.details()).hasSizeBetween(1, 3);
            BigDecimal lines = invoice.details().stream().map(row -> row.amount(FileSpecIds.LINE_AMOUNT))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(lines).isEqualByComparingTo(invoice.totalAmountDue());
            assertThat(invoice.totalAmountDue().scale()).isEqualTo(2);
            withoutEmail += cr.get(FileSpecIds.EMAIL_ADDRESS) == null ? 1 : 0;
            pastDue += ih.amount(FileSpecIds.PAST_DUE).signum() > 0 ? 1 : 0;
        }
        assertThat(withoutEmail).isBetween(50, 200);
        assertThat(pastDue).isBetween(80, 250);
        assertThat(invoices).extracting(i -> i.header().get(FileSpecIds.CUSTOM3)).contains("2", "3");
    }

    @Test
    void sameSeedSameFile() throws IOException {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        new BifGenerator(9).write(a, FileSpec.daffronDefault(), TestFiles.BILLER_GUID, 200, MARCH);
        new BifGenerator(9).write(b, FileSpec.daffronDefault(), TestFiles.BILLER_GUID, 200, MARCH);
        assertThat(a.toString()).isEqualTo(b.toString());
        StringWriter c = new StringWriter();
        new BifGenerator(10).write(c, FileSpec.daffronDefault(), TestFiles.BILLER_GUID, 200, MARCH);
        assertThat(c.toString()).isNotEqualTo(a.toString());
    }

    @Test
    void aLaterBillingRunBillsTheSameAccountsAgain() throws IOException {
        GeneratedFileStats[] stats = new GeneratedFileStats[1];
        List<BifInvoice> march = generate(5, FileSpec.daffronDefault(), 500, MARCH, stats).invoices;
        List<BifInvoice> april = generate(5, FileSpec.daffronDefault(), 500, APRIL, stats).invoices;
        Set<String> marchNumbers = new HashSet<>();
        march.forEach(invoice -> marchNumbers.add(invoice.invoiceNumber()));
        for (int i = 0; i < 500; i++) {
            assertThat(april.get(i).accountNumber()).isEqualTo(march.get(i).accountNumber());
            assertThat(april.get(i).customer().values()).isEqualTo(march.get(i).customer().values());
            assertThat(marchNumbers).doesNotContain(april.get(i).invoiceNumber());
            assertThat(april.get(i).invoiceDate()).isEqualTo(APRIL);
        }
        GeneratedAccount account = new BifGenerator(5).account(123);
        assertThat(account.accountNumber()).isEqualTo(march.get(123).accountNumber());
        assertThat(account.zip()).isEqualTo(march.get(123).customer().get(FileSpecIds.ZIP));
        assertThat(account.customerName()).isEqualTo(march.get(123).customer().get(FileSpecIds.CUSTOMER_NAME));
    }

    @Test
    void subsOfOneBaseAreOneCustomer() {
        BifGenerator generator = new BifGenerator(11);
        for (int i = 1; i < 600; i++) {
            GeneratedAccount previous = generator.account(i - 1);
            GeneratedAccount account = generator.account(i);
            if (account.base() == previous.base()) {
                assertThat(account.sub()).isEqualTo(previous.sub() + 1);
                assertThat(account.customerName()).isEqualTo(previous.customerName());
                assertThat(account.serviceLocationId()).isNotEqualTo(previous.serviceLocationId());
            } else {
                assertThat(account.base()).isGreaterThan(previous.base());
                assertThat(account.sub()).isEqualTo(1);
            }
        }
    }

    @Test
    void fillsCustomizationColumnsWhenTheSpecHasThem() throws IOException {
        GeneratedFileStats[] stats = new GeneratedFileStats[1];
        List<BifInvoice> invoices = generate(8, Specs.allColumns(), 300, MARCH, stats).invoices;
        Pattern date = Pattern.compile("\\d{2}/\\d{2}/\\d{4}");
        long partial = invoices.stream().filter(i -> i.header().flag(FileSpecIds.ALLOW_PARTIAL_PAYMENTS)).count();
        assertThat(partial).isBetween(40L, 150L);
        for (BifInvoice invoice : invoices) {
            BifRow ih = invoice.header();
            assertThat(ih.get(FileSpecIds.FIRST_NOTIFY_DATE)).matches(date);
            assertThat(ih.amount(FileSpecIds.CC_SERVICE_FEE)).isEqualByComparingTo("2.95");
            assertThat(ih.integer(FileSpecIds.INVOICE_TYPE_ID)).isEqualTo(42L);
            assertThat(ih.amount(FileSpecIds.MINIMUM_AMOUNT_DUE)).isLessThanOrEqualTo(invoice.totalAmountDue());
            assertThat(ih.get(FileSpecIds.CUSTOM1)).isNotNull();
        }
    }

    @Test
    void emptyFileIsValidToo() throws IOException {
        GeneratedFileStats[] stats = new GeneratedFileStats[1];
        BifWriterTest.Capture file = generate(1, FileSpec.daffronDefault(), 0, MARCH, stats);
        assertThat(file.result.valid()).isTrue();
        assertThat(stats[0]).isEqualTo(new GeneratedFileStats(0, new BigDecimal("0.00")));
    }

    @Test
    void rejectsBadArguments() {
        BifGenerator generator = new BifGenerator(1);
        assertThatThrownBy(() -> generator.write(new StringWriter(), FileSpec.daffronDefault(), "nope", 1, MARCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.write(new StringWriter(), FileSpec.daffronDefault(), TestFiles.BILLER_GUID,
                -1, MARCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
