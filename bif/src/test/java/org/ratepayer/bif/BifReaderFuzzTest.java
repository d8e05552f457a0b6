package org.ratepayer.bif;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever the bytes, reading ends in a consistent {@link BifResult} and nothing else is thrown.
 * Half the inputs are raw bytes, half are valid generated files with a few mutations, so that the
 * fuzzer spends time deep in the row and invoice rules and not only on the first line.
 *
 * <p>{@code mvn verify} runs this for a few seconds with JAZZER_FUZZ=1 (see bif/pom.xml); without
 * it, Jazzer only replays the seeds in {@code BifReaderFuzzTestInputs}.
 */
class BifReaderFuzzTest {

    /** Pieces that matter to the format, as Latin-1 text so that each char is one byte. */
    private static final List<String> TOKENS = List.of("|", "\n", "\r\n", "\u00EF\u00BB\u00BF", "FH|", "IH|", "CR|",
            "ID|", "|R|", "-", ".", "/", "02/29/2024", " ", "\u00FF", "\u00C3", "\u00ED\u00A0\u0080", "\u0000");

    @FuzzTest(maxDuration = "15s")
    void anyInputEndsInAResult(FuzzedDataProvider data) throws IOException {
        if (data.consumeBoolean()) {
            FileSpec spec = data.consumeBoolean() ? Specs.allColumns() : FileSpec.daffronDefault();
            check(mutatedValidFile(spec, data), spec, BifOptions.defaults().withExpectedBillerGuid(TestFiles.BILLER_GUID));
        } else {
            check(data.consumeRemainingAsBytes(), FileSpec.daffronDefault(), new BifOptions(null, 3));
        }
    }

    private static void check(byte[] file, FileSpec spec, BifOptions options) throws IOException {
        BifReader reader = new BifReader(spec);
        long[] handed = new long[1];
        BifResult result = reader.read(new ByteArrayInputStream(file), options, invoice -> {
            require(invoice.customer() != null && invoice.invoiceNumber() != null, "incomplete invoice handed over");
            handed[0]++;
        });
        require(result.errors().size() <= options.maxErrors(), "more errors kept than asked for");
        require(result.errorCount() >= result.errors().size(), "errorCount below the errors listed");
        require(result.valid() == (result.errorCount() == 0), "valid() disagrees with errorCount");
        require(!result.valid() || handed[0] == result.invoices(), "a valid file lost invoices");
        for (BifError error : result.errors()) {
            require(error.line() >= 0 && error.line() <= result.lines(), "error outside the file: " + error);
            require(error.message() != null && !error.message().isEmpty(), "error without a message");
        }
    }

    private static byte[] mutatedValidFile(FileSpec spec, FuzzedDataProvider data) throws IOException {
        StringWriter text = new StringWriter();
        new BifGenerator(data.consumeLong()).write(text, spec, TestFiles.BILLER_GUID, data.consumeInt(0, 4),
                LocalDate.of(2024, 3, 1).plusDays(data.consumeInt(0, 400)));
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        int edits = data.consumeInt(0, 6);
        for (int i = 0; i < edits; i++) {
            int at = data.consumeInt(0, file.length);
            file = switch (data.consumeInt(0, 3)) {
                case 0 -> insert(file, at, token(data.consumeInt(0, TOKENS.size() - 1)));
                case 1 -> insert(file, at, data.consumeBytes(data.consumeInt(1, 16)));
                case 2 -> delete(file, at, data.consumeInt(1, 64));
                default -> replace(file, at, data.consumeByte());
            };
        }
        return file;
    }

    private static byte[] token(int index) {
        return TOKENS.get(index).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] insert(byte[] file, int at, byte[] piece) {
        byte[] out = Arrays.copyOf(file, file.length + piece.length);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(file, at, out, at + piece.length, file.length - at);
        return out;
    }

    private static byte[] delete(byte[] file, int at, int length) {
        int end = Math.min(file.length, at + length);
        byte[] out = new byte[file.length - (end - at)];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(file, end, out, at, file.length - end);
        return out;
    }

    private static byte[] replace(byte[] file, int at, byte value) {
        if (at < file.length) {
            file[at] = value;
        }
        return file;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
