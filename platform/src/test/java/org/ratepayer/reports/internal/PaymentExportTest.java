package org.ratepayer.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export layout against the files written by hand from docs/payment-export.md (committed before the exporter
 * existed, commit 760a3a0): byte for byte.
 */
class PaymentExportTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZonedDateTime MADE = Instant.parse("2026-11-05T14:30:00Z").atZone(ZoneId.of("UTC"));

    static byte[] expected(String name) throws IOException {
        try (InputStream in = PaymentExportTest.class.getResourceAsStream("/reports/" + name)) {
            return in.readAllBytes();
        }
    }

    static UUID guid(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    static ExportLayout.Line line(long payment, String account, String invoice, String amount, String at, String channel, String method,
            String last4, int guid) {
        return new ExportLayout.Line(payment, account, invoice, new BigDecimal(amount), Instant.parse(at).atZone(ZoneId.of("UTC")), channel,
                method, last4, guid(guid));
    }

    @Test
    void theDocumentsExampleByteForByte() throws IOException {
        List<ExportLayout.Line> lines = List.of(
                line(1, "6101-1", "6101100000001", "50.00", "2026-11-02T15:00:00Z", "WEB", "CARD", "1111", 1),
                line(2, "6102-1", "6102100000001", "20.05", "2026-11-03T03:30:00Z", "IVR", "ACH", "6789", 2),
                line(3, "6101-1", "6101100000001", "50.00", "2026-11-04T12:00:00Z", "CSRWEB", "CARD", "1111", 3),
                line(3, "6102-1", "6102100000001", "20.00", "2026-11-04T12:00:00Z", "CSRWEB", "CARD", "1111", 4));

        String file = ExportLayout.write(new ExportLayout.Header(4242, "Lakeside Electric Co-op", LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 4), MADE), lines, NEW_YORK);

        assertThat(file.getBytes(StandardCharsets.US_ASCII)).isEqualTo(expected("payment-export-example.txt"));
    }

    @Test
    void aDayWithoutPaymentsIsAHeaderAndATrailerOfZeros() throws IOException {
        String file = ExportLayout.write(new ExportLayout.Header(4242, "Lakeside Electric Co-op", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 1), MADE), List.of(), NEW_YORK);

        assertThat(file.getBytes(StandardCharsets.US_ASCII)).isEqualTo(expected("payment-export-empty.txt"));
    }

    @Test
    void anAccountNumberTooLongForItsFieldIsRefusedNeverCut() {
        List<ExportLayout.Line> lines = List.of(line(1, "1".repeat(31), null, "1.00", "2026-11-02T15:00:00Z", "WEB", "CARD", "1111", 1));

        assertThatThrownBy(() -> ExportLayout.write(new ExportLayout.Header(1, "X", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2),
                MADE), lines, NEW_YORK)).isInstanceOf(ExportLayout.TooLong.class).hasMessageContaining("account number")
                .hasMessageContaining("00000000-0000-4000-8000-000000000001");
    }

    @ParameterizedTest(name = "{0} in {1} characters is [{2}]")
    @CsvSource(delimiter = '|', value = {
            "50.00 | 11 | 00000005000",
            "20.05 | 11 | 00000002005",
            "0.01  | 11 | 00000000001",
            "7     | 6  | 000700",
            "7.5   | 6  | 000750",
            "9999999.99 | 9 | 999999999"})
    void amountsAreCentsZeroPadded(String amount, int width, String written) {
        assertThat(ExportLayout.cents(new BigDecimal(amount), width, "amount")).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0} in {1} characters is refused")
    @CsvSource(delimiter = '|', value = {"10000000.00 | 9", "-1.00 | 11", "0.001 | 11"})
    void amountsThatDoNotFitAreRefused(String amount, int width) {
        assertThatThrownBy(() -> ExportLayout.cents(new BigDecimal(amount), width, "amount")).isInstanceOf(ExportLayout.TooLong.class);
    }

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'Lakeside Electric Co-op' | 'Lakeside Electric Co-op                 '",
            "'Coopérative d''Électricité du Lac Saint-Jean' | 'Coop?rative d''?lectricit? du Lac Saint-J'",
            "'' | '                                        '"})
    void theBillersNameIsAsciiAndCutToForty(String name, String written) {
        assertThat(ExportLayout.left(ExportLayout.ascii(name), 40, true, null)).isEqualTo(written);
    }
}
