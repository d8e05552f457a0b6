package org.ratepayer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.ratepayer.BifText;
import org.ratepayer.MutableClock;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;

/** The drop folder takes a file only when its upload is complete (docs/invoice-files.md). */
class DropFolderIT extends PlatformIT {

    @Autowired
    InvoiceImportService imports;

    private String file(TestBiller b, int invoices) {
        BifText text = new BifText(b.guidText());
        for (int i = 1; i <= invoices; i++) {
            text.invoice(String.format("83%010d", i), "83" + i + "-1", "10/01/2026", "10.00", null);
        }
        return text.text();
    }

    @Test
    void aFileUploadedInTwoHalvesIsImportedWholeOnceItStaysStill() throws Exception {
        TestBiller b = newBiller();
        MutableClock clock = new MutableClock(ZoneOffset.UTC);
        clock.set(Instant.parse("2026-12-01T08:00:00Z"));
        Path root = Files.createTempDirectory("dropbox");
        DropFolderScanner scanner = new DropFolderScanner(billerService, imports, root, Duration.ofSeconds(30), clock);
        Path dir = Files.createDirectories(scanner.landingDirectory(b.bid()));
        byte[] whole = file(b, 40).getBytes(StandardCharsets.US_ASCII);
        Path upload = dir.resolve(b.bid() + "_12012026.bif");

        Files.write(upload, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.setLastModifiedTime(upload, FileTime.from(clock.instant()));
        assertThat(scanner.scan(b.bid())).isEmpty();
        clock.set(clock.instant().plusSeconds(10));
        assertThat(scanner.scan(b.bid())).isEmpty();

        clock.set(clock.instant().plusSeconds(5));
        Files.write(upload, java.util.Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);
        Files.setLastModifiedTime(upload, FileTime.from(clock.instant()));
        for (int i = 0; i < 3; i++) {
            clock.set(clock.instant().plusSeconds(10));
            assertThat(scanner.scan(b.bid())).as("scan %d after the second half", i + 1).isEmpty();
        }
        clock.set(clock.instant().plusSeconds(10));
        var results = scanner.scan(b.bid());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome().status()).isEqualTo(ImportOutcome.Status.IMPORTED);
            assertThat(r.outcome().invoices()).isEqualTo(40);
        });
        assertThat(dir.resolve("processed").resolve(upload.getFileName())).exists();
        assertThat(dir.resolve("rejected")).isEmptyDirectory();
        assertThat(count("select count(*) from invoice where biller_id = ?", b.bid())).isEqualTo(40);
    }

    @Test
    void aDoneMarkerTakesTheFileAtOnceAndIsRemoved() throws Exception {
        TestBiller b = newBiller();
        MutableClock clock = new MutableClock(ZoneOffset.UTC);
        clock.set(Instant.parse("2026-12-01T08:00:00Z"));
        DropFolderScanner scanner = new DropFolderScanner(billerService, imports, Files.createTempDirectory("dropbox"),
                Duration.ofSeconds(30), clock);
        Path dir = Files.createDirectories(scanner.landingDirectory(b.bid()));
        Path upload = Files.writeString(dir.resolve("bills.bif"), file(b, 3));
        Path marker = Files.writeString(dir.resolve("bills.bif.done"), "");
        Path temporary = Files.writeString(dir.resolve("next.bif.filepart"), "FH|");
        Path hidden = Files.writeString(dir.resolve(".next.bif"), "FH|");

        var results = scanner.scan(b.bid());

        assertThat(results).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo(upload));
        assertThat(marker).doesNotExist();
        assertThat(upload).doesNotExist();
        assertThat(dir.resolve("processed").resolve("bills.bif")).exists();
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        scanner.scan(b.bid());
        scanner.scan(b.bid());
        assertThat(temporary).exists();
        assertThat(hidden).exists();
        assertThat(dir.resolve("rejected")).isEmptyDirectory();
    }
}
