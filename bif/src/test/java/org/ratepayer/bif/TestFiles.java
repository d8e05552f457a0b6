package org.ratepayer.bif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small hand-written BIF files in the Daffron default spec, and a reader that records what it saw. */
final class TestFiles {

    static final String BILLER_GUID = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
    static final String FORMAT_GUID = "BA1CEC36-997C-48E3-8406-437640EDFF84";

    private TestFiles() {
    }

    static String fh(int count, String total) {
        return "FH|" + BILLER_GUID + "|03/01/2024 05:30:00|" + count + "|" + total;
    }

    static String ih(String invoiceNumber, String total) {
        return "IH|R|" + FORMAT_GUID + "|" + invoiceNumber + "|03/01/2024|03/21/2024|" + total
                + "|1001|1|100000010011|12345|1001-12345|0.00";
    }

    static String cr(String accountNumber) {
        return "CR|" + accountNumber + "|Dale Yoder|12 Main St||Bethany|MO|64424|660-555-0134|dale@example.com|N|"
                + accountNumber;
    }

    static String id(String description, String amount) {
        return "ID|" + description + "|" + amount;
    }

    /** A valid file of one invoice of 10.00, as lines. */
    static List<String> oneInvoice() {
        return new ArrayList<>(List.of(fh(1, "10.00"), ih("A1", "10.00"), cr("1001-1"), id("Electric service", "10.00")));
    }

    static Outcome read(List<String> lines) {
        return read(String.join("\n", lines) + "\n");
    }

    static Outcome read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), BifOptions.defaults());
    }

    static Outcome read(byte[] bytes, BifOptions options) {
        Outcome outcome = new Outcome();
        try {
            outcome.result = new BifReader(FileSpec.daffronDefault()).read(new ByteArrayInputStream(bytes), options,
                    new BifHandler() {
                        @Override
                        public void header(BifFileHeader header) {
                            outcome.header = header;
                        }

                        @Override
                        public void invoice(BifInvoice invoice) {
                            outcome.invoices.add(invoice);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcome;
    }

    static final class Outcome {
        BifResult result;
        BifFileHeader header;
        final List<BifInvoice> invoices = new ArrayList<>();

        List<String> errors() {
            return result.errors().stream().map(BifError::toString).toList();
        }
    }
}
