package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PdfLinksTest {

    // Values from seed 002: the setting-20 example, Custom10 "Base Account-Billing Control Number".
    private static final String BASE = "http://cis-host.example:8086/eprint/";
    private static final LocalDate AUG_15_2024 = LocalDate.of(2024, 8, 15);
    private static final PdfInvoiceRef INVOICE = new PdfInvoiceRef("1234", "2", null, "1234-12345", AUG_15_2024);

    private static URI link(int version, PdfInvoiceRef invoice) {
        return new PdfLinks(new PdfLinkConfig(BASE, version, false)).linkFor(invoice);
    }

    private static URI link(String base, PdfInvoiceRef invoice) {
        return new PdfLinks(new PdfLinkConfig(base, 1, false)).linkFor(invoice);
    }

    private static PdfInvoiceRef withCustom9(String custom9) {
        return new PdfInvoiceRef("1234", "2", custom9, "1234-12345", AUG_15_2024);
    }

    @Nested
    class Versions {

        @Test
        void version1SendsAccountAndSub() {
            assertThat(link(1, INVOICE)).hasToString(BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void version2AddsTheBillControlNumber() {
            assertThat(link(2, INVOICE))
                    .hasToString(BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=1234-12345");
        }

        @Test
        void version3AddsTheBillMonth() {
            assertThat(link(3, INVOICE))
                    .hasToString(BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=1234-12345&LDMO=202408");
        }

        @Test
        void version4AsksForThePrintForm() {
            assertThat(link(4, INVOICE)).hasToString(
                    BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=1234-12345&LDMO=202408&PRINT_FORM=TRUE");
        }

        @Test
        void billMonthIsZeroPaddedAndDecemberStaysTwoDigits() {
            PdfInvoiceRef january = new PdfInvoiceRef("1234", "2", null, "12345", LocalDate.of(2025, 1, 31));
            PdfInvoiceRef december = new PdfInvoiceRef("1234", "2", null, "12345", LocalDate.of(2023, 12, 1));

            assertThat(link(3, january).getQuery()).endsWith("&LDMO=202501");
            assertThat(link(3, december).getQuery()).endsWith("&LDMO=202312");
        }

        @Test
        void version1DoesNotNeedCustom10OrInvoiceDate() {
            PdfInvoiceRef bare = new PdfInvoiceRef("1234", "2", null, null, null);

            assertThat(link(1, bare)).hasToString(BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void version2DoesNotNeedInvoiceDate() {
            PdfInvoiceRef undated = new PdfInvoiceRef("1234", "2", null, "12345", null);

            assertThat(link(2, undated).getQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=12345");
        }

        @Test
        void surroundingWhitespaceIsDropped() {
            PdfInvoiceRef padded = new PdfInvoiceRef(" 1234 ", "2\t", null, " 12345 ", AUG_15_2024);

            assertThat(link(2, padded).getQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=12345");
        }
    }

    @Nested
    class Custom9ForcesVersion2 {

        @ParameterizedTest
        @ValueSource(strings = {"INV", "EBIL", "inv", "ebil", "eBil", "XINV01", "PAPER-EBILL"})
        void whenItContainsInvOrEbilInAnyCase(String custom9) {
            assertThat(link(4, withCustom9(custom9)))
                    .hasToString(BASE + "?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=1234-12345");
        }

        @Test
        void evenWhenTheBillerIsOnVersion1() {
            assertThat(link(1, withCustom9("INV")).getQuery())
                    .isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=1234-12345");
        }

        @Test
        void andThenNoLongerNeedsAnInvoiceDate() {
            PdfInvoiceRef undated = new PdfInvoiceRef("1234", "2", "EBIL", "12345", null);

            assertThat(link(3, undated).getQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=12345");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "12345", "IN", "EBI", "I-N-V", "PAPER"})
        void notForOtherValues(String custom9) {
            PdfInvoiceRef invoice = withCustom9(custom9);

            assertThat(new PdfLinks(new PdfLinkConfig(BASE, 4, false)).effectiveVersion(invoice)).isEqualTo(4);
            assertThat(link(4, invoice).getQuery()).endsWith("&LDMO=202408&PRINT_FORM=TRUE");
        }

        @Test
        void notWhenCustom9IsAbsent() {
            assertThat(new PdfLinks(new PdfLinkConfig(BASE, 3, false)).effectiveVersion(INVOICE)).isEqualTo(3);
        }
    }

    @Nested
    class BctrValueAfterDash {

        private URI afterDashLink(String custom10) {
            PdfInvoiceRef invoice = new PdfInvoiceRef("1234", "2", null, custom10, AUG_15_2024);
            return new PdfLinks(new PdfLinkConfig(BASE, 2, true)).linkFor(invoice);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1234-12345", "5245-12345", "857725-12345"})
        void sendsOnlyThePartAfterTheDash(String custom10) {
            assertThat(afterDashLink(custom10).getQuery()).endsWith("&BCTR=12345");
        }

        @Test
        void withoutADashSendsTheWholeValue() {
            assertThat(afterDashLink("12345").getQuery()).endsWith("&BCTR=12345");
        }

        @Test
        void splitsAtTheFirstDashOnly() {
            assertThat(afterDashLink("1234-12345-7").getQuery()).endsWith("&BCTR=12345-7");
        }

        @Test
        void appliesToForcedVersion2Too() {
            PdfInvoiceRef invoice = new PdfInvoiceRef("1234", "2", "INV", "1234-12345", AUG_15_2024);

            assertThat(new PdfLinks(new PdfLinkConfig(BASE, 1, true)).linkFor(invoice).getQuery())
                    .isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2&BCTR=12345");
        }

        @Test
        void isOffUnlessConfigured() {
            assertThat(link(2, INVOICE).getQuery()).endsWith("&BCTR=1234-12345");
        }

        @Test
        void refusesAValueWithNothingAfterTheDash() {
            assertThatThrownBy(() -> afterDashLink("1234-"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Custom10 (BCTR, bill control number) '1234-' has nothing after the dash,"
                            + " which setting 131 (BCTRModifier ValueAfterDash) requires");
        }
    }

    @Nested
    class BaseUrlJoins {

        @Test
        void keepsATrailingSlash() {
            assertThat(link("http://cis-host.example:8086/eprint/", INVOICE))
                    .hasToString("http://cis-host.example:8086/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void addsNoSlashWhenThereIsNone() {
            assertThat(link("http://cis-host.example:8086/eprint", INVOICE))
                    .hasToString("http://cis-host.example:8086/eprint?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void worksWithAHostOnly() {
            assertThat(link("https://cis-host.example", INVOICE))
                    .hasToString("https://cis-host.example?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void appendsToAnExistingQueryWithAnAmpersand() {
            assertThat(link("http://cis-host.example:8086/eprint/?x=1", INVOICE))
                    .hasToString("http://cis-host.example:8086/eprint/?x=1&PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void doesNotDoubleASeparatorTheBaseAlreadyEndsWith() {
            assertThat(link("http://cis-host.example/eprint?", INVOICE))
                    .hasToString("http://cis-host.example/eprint?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
            assertThat(link("http://cis-host.example/eprint?x=1&", INVOICE))
                    .hasToString("http://cis-host.example/eprint?x=1&PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void keepsAnEncodedExistingQueryAsIs() {
            assertThat(link("http://cis-host.example/eprint?site=a%20b", INVOICE))
                    .hasToString("http://cis-host.example/eprint?site=a%20b&PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void putsTheQueryBeforeAFragment() {
            assertThat(link("http://cis-host.example/eprint#page=1", INVOICE))
                    .hasToString("http://cis-host.example/eprint?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2#page=1");
        }

        @Test
        void keepsUserInfoAndPort() {
            assertThat(link("https://ic@cis-host.example:8443/eprint/", INVOICE))
                    .hasToString("https://ic@cis-host.example:8443/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }

        @Test
        void ignoresWhitespaceAroundTheSetting() {
            assertThat(link("  http://cis-host.example/eprint/ \n", INVOICE))
                    .hasToString("http://cis-host.example/eprint/?PROCESSING_TYPE=HISTORY&ACCT=1234&SUB=2");
        }
    }

    @Nested
    class Encoding {

        @Test
        void encodesReservedCharactersInValues() {
            PdfInvoiceRef odd = new PdfInvoiceRef("12&34", "a=b", null, "1+2/3?#", AUG_15_2024);

            URI uri = link(2, odd);

            assertThat(uri.getRawQuery())
                    .isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=12%2634&SUB=a%3Db&BCTR=1%2B2%2F3%3F%23");
            assertThat(uri.getRawFragment()).isNull();
        }

        @Test
        void encodesInnerSpacesAsPercent20() {
            PdfInvoiceRef spaced = new PdfInvoiceRef("12 34", "2", null, null, null);

            assertThat(link(1, spaced).getRawQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=12%2034&SUB=2");
        }

        @Test
        void encodesNonAsciiAsUtf8() {
            PdfInvoiceRef accented = new PdfInvoiceRef("Müller", "ñ", null, null, null);

            URI uri = link(1, accented);

            assertThat(uri.getRawQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=M%C3%BCller&SUB=%C3%B1");
            assertThat(uri.getQuery()).isEqualTo("PROCESSING_TYPE=HISTORY&ACCT=Müller&SUB=ñ");
        }

        @Test
        void encodesAfterTakingThePartAfterTheDash() {
            PdfInvoiceRef invoice = new PdfInvoiceRef("1234", "2", null, "1234-12 3&4", AUG_15_2024);

            URI uri = new PdfLinks(new PdfLinkConfig(BASE, 2, true)).linkFor(invoice);

            assertThat(uri.getRawQuery()).endsWith("&BCTR=12%203%264");
        }
    }

    @Nested
    class Refusals {

        @Test
        void missingConfiguration() {
            assertThatThrownBy(() -> new PdfLinks(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("PDF link configuration (settings 20, 119, 131) is required");
        }

        @Test
        void missingInvoice() {
            assertThatThrownBy(() -> link(1, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invoice is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void missingCustom2(String custom2) {
            assertThatThrownBy(() -> link(1, new PdfInvoiceRef(custom2, "2", null, null, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Custom2 (ACCT, base account number) is required for the PDF link");
            assertThatThrownBy(() -> link(1, new PdfInvoiceRef(null, "2", null, null, null)))
                    .hasMessage("Custom2 (ACCT, base account number) is required for the PDF link");
        }

        @Test
        void missingCustom3() {
            assertThatThrownBy(() -> link(1, new PdfInvoiceRef("1234", null, null, null, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Custom3 (SUB, sub account number) is required for the PDF link");
            assertThatThrownBy(() -> link(1, new PdfInvoiceRef("1234", " ", null, null, null)))
                    .hasMessage("Custom3 (SUB, sub account number) is required for the PDF link");
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4})
        void missingCustom10WhenTheVersionNeedsBctr(int version) {
            assertThatThrownBy(() -> link(version, new PdfInvoiceRef("1234", "2", null, null, AUG_15_2024)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Custom10 (BCTR, bill control number) is required for PDF service version " + version);
            assertThatThrownBy(() -> link(version, new PdfInvoiceRef("1234", "2", null, "", AUG_15_2024)))
                    .hasMessage("Custom10 (BCTR, bill control number) is required for PDF service version " + version);
        }

        @Test
        void missingCustom10WhenCustom9ForcesVersion2SaysWhy() {
            assertThatThrownBy(() -> link(1, new PdfInvoiceRef("1234", "2", "INV", null, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Custom10 (BCTR, bill control number) is required for PDF service version 2"
                            + " (setting 119 is 1, Custom9 'INV' forces 2)");
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 4})
        void missingInvoiceDateWhenTheVersionNeedsLdmo(int version) {
            assertThatThrownBy(() -> link(version, new PdfInvoiceRef("1234", "2", null, "12345", null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("InvoiceDate (LDMO) is required for PDF service version " + version);
        }
    }
}
