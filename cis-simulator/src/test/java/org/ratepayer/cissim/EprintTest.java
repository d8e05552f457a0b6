package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EprintTest {

    private static CisSimulator cis;
    private final Http http = new Http();

    @BeforeAll
    static void start() {
        cis = CisSimulator.builder().cbPort(0).eprintPort(0).adminPort(0).build().start();
        cis.state().putAccount(Accounts.prepaid());
    }

    @AfterAll
    static void stop() {
        cis.close();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void answersAPdfBillShowingAccountAmountsAndQuery() throws IOException {
        String query = "PROCESSING_TYPE=HISTORY&ACCT=1001&SUB=2&BCTR=1001-12345&LDMO=202408&PRINT_FORM=TRUE";

        HttpResponse<byte[]> bill = http.getBytes(cis.eprintUrl() + "?" + query);

        assertThat(bill.statusCode()).isEqualTo(200);
        assertThat(bill.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(bill.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(text(bill.body())).contains("1001-2", "Ada Lovelace", "1234567.89", "0.07", "-15.5", "4.93",
                "Bill control: 1001-12345", "Bill month: 202408", "Print form: yes", query);
    }

    @Test
    void servesTheShortestQueryForm() throws IOException {
        HttpResponse<byte[]> bill = http.getBytes(cis.eprintUrl() + "?PROCESSING_TYPE=HISTORY&ACCT=1001&SUB=2");

        assertThat(bill.statusCode()).isEqualTo(200);
        assertThat(text(bill.body())).contains("Account: 1001-2", "Print form: no");
    }

    @Test
    void anUnknownAccountIsNotFound() {
        assertThat(http.getBytes(cis.eprintUrl() + "?PROCESSING_TYPE=HISTORY&ACCT=9999&SUB=1").statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACCT=1001&SUB=2", "PROCESSING_TYPE=CURRENT&ACCT=1001&SUB=2",
            "PROCESSING_TYPE=HISTORY&SUB=2", "PROCESSING_TYPE=HISTORY&ACCT=1001&SUB=2&LDMO=2024-8",
            "PROCESSING_TYPE=HISTORY&ACCT=1001&SUB=2&LDMO=202413"})
    void aQueryItCannotServeIsABadRequest(String query) {
        assertThat(http.getBytes(cis.eprintUrl() + "?" + query).statusCode()).isEqualTo(400);
    }
}
