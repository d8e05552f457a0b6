package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The operator's command line against a real database (its own embedded PostgreSQL in a fresh data dir). */
class CliIT {

    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }


    @Test
    void createConfigureAndImportFromTheCommandLine() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "cli-data");
        String dir = "--data-dir=" + data;
        CliRunner.Run created = run("biller", "create", dir, "--bid", "3337", "--name", "United Cooperative");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("\"bid\" : 3337").contains("rp_test_ws_");
        String guid = created.out().replaceAll("(?s).*\"guid\" : \"([0-9a-f-]{36})\".*", "$1");

        CliRunner.Run bad = run("biller", "set-setting", dir, "3337", "35", "3");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("setting 35 (Service version for payment posting amounts): 3 is out of range 1..2");

        assertThat(created.out()).contains("\"timeZone\" : \"America/New_York\"");
        CliRunner.Run badZone = run("biller", "set-time-zone", dir, "3337", "Central");
        assertThat(badZone.exit()).isEqualTo(1);
        assertThat(badZone.err()).contains("timeZone: 'Central' is not an IANA time zone");
        assertThat(run("biller", "set-time-zone", dir, "3337", "America/Chicago").out())
                .contains("\"timeZone\" : \"America/Chicago\"");
        CliRunner.Run western = run("biller", "create", dir, "--bid", "3338", "--name", "Western", "--time-zone",
                "America/Los_Angeles");
        assertThat(western.out()).contains("\"timeZone\" : \"America/Los_Angeles\"");

        assertThat(run("biller", "set-setting", dir, "3337", "10", "Toolbox-Secret").exit()).isZero();
        CliRunner.Run shown = run("biller", "show", dir, "3337");
        assertThat(shown.out()).contains("********").doesNotContain("Toolbox-Secret");

        Path file = data.resolve("3337_11012026.bif");
        assertThat(run("bif", "generate", "--biller-guid", guid, "--invoices", "300", "--date", "2026-11-01", file.toString()).exit())
                .isZero();
        CliRunner.Run imported = run("bif", "import", dir, "--biller", "3337", file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 300 invoices").contains("accounts 300 new");
        CliRunner.Run again = run("bif", "import", dir, "--biller", "3337", file.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already imported");

        Path broken = data.resolve("broken.bif");
        Files.writeString(broken, Files.readString(file).replaceFirst("\\|R\\|", "|X|"));
        CliRunner.Run rejected = run("bif", "import", dir, "--biller", "3337", broken.toString());
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("field RecordType (FileSpecId 8)").contains("nothing was stored");
    }
}
