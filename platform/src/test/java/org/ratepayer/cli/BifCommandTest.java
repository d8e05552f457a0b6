package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BifCommandTest {

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }


    @TempDir
    Path dir;

    @Test
    void generateThenValidateExitsZero() {
        Path file = dir.resolve("2178_11012026.bif");
        String guid = "AFEAA447-E96A-40D2-B0A2-AEC572409BEA";
        CliRunner.Run gen = run("bif", "generate", "--biller-guid", guid, "--invoices", "25", "--date", "2026-11-01", file.toString());
        assertThat(gen.exit()).isZero();
        CliRunner.Run ok = run("bif", "validate", "--biller-guid", guid, file.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("valid, 25 invoices");
        CliRunner.Run wrongGuid = run("bif", "validate", "--biller-guid", "00000000-0000-0000-0000-000000000001", file.toString());
        assertThat(wrongGuid.exit()).isEqualTo(1);
        assertThat(wrongGuid.err()).contains("line 1, field BillerGuid (FileSpecId 2): ");
    }

    /** A biller that switched on a customization (here AutoPayCollectionDate, 2002) gets files in its own layout. */
    @Test
    void generateWritesTheBillersSpec() throws Exception {
        Path file = dir.resolve("2178_11012026.bif");
        String guid = "AFEAA447-E96A-40D2-B0A2-AEC572409BEA";
        String spec = "FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,39,40,41,46,47,407,2002;CR=58,59,60,61,62,63,64,65,66,67,356,373;ID=70,2101,2102";
        assertThat(run("bif", "generate", "--biller-guid", guid, "--spec", spec, "--invoices", "25", "--date", "2026-11-01",
                file.toString()).exit()).isZero();
        assertThat(Files.readAllLines(file)).filteredOn(l -> l.startsWith("IH|")).allMatch(l -> l.split("\\|", -1).length == 14);
        assertThat(run("bif", "validate", "--biller-guid", guid, "--spec", spec, file.toString()).out()).contains("valid, 25 invoices");
        assertThat(run("bif", "validate", "--biller-guid", guid, file.toString()).exit()).as("not the default layout").isEqualTo(1);
    }

    @Test
    void anInvalidFileExitsOneWithErrorsOnStderr() throws Exception {
        Path file = dir.resolve("bad.bif");
        Files.writeString(file, "FH|AFEAA447-E96A-40D2-B0A2-AEC572409BEA|11/01/2026|1|10.00\nIH|X\n");
        CliRunner.Run bad = run("bif", "validate", file.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.bif: line 2").contains("invalid,");
        assertThat(bad.out()).isEmpty();
    }
}
