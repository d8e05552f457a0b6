package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./ratepayer convert …} end to end on its own embedded PostgreSQL (docs/conversion.md). */
class ConvertCommandIT {

    @Test
    void exportPlanApplyVerifyAndRollBackFromTheCommandLine() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "convert-data");
        String dir = "--data-dir=" + data;
        CliRunner.Run created = CliRunner.run("biller", "create", dir, "--bid", "3440", "--name", "Converting Cooperative");
        assertThat(created.exit()).as(created.err()).isZero();
        String guid = created.out().replaceAll("(?s).*\"guid\" : \"([0-9a-f-]{36})\".*", "$1");
        Path bif = data.resolve("3440_11012026.bif");
        assertThat(CliRunner.run("bif", "generate", "--biller-guid", guid, "--invoices", "40", "--date", "2026-11-01", bif.toString()).exit())
                .isZero();
        assertThat(CliRunner.run("bif", "import", dir, "--biller", "3440", bif.toString()).exit()).isZero();

        Path export = data.resolve("export.csv");
        CliRunner.Run exported = CliRunner.run("convert", "export", dir, "--biller", "3440", export.toString());
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("40 accounts");
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).startsWith("CustomerName,AccountNumber,Email,Paperless,Autopay,DefaultPaymentMethodType,Last4,");

        // the CIS's answer: every account gets a new number, and one line is broken
        StringBuilder xref = new StringBuilder("OldAccountNumber,NewAccountNumber\n");
        for (String l : lines.subList(1, lines.size())) {
            String old = l.split(",")[1];
            xref.append(old).append(",N").append(old.replace("-", "")).append('\n');
        }
        Path broken = data.resolve("broken-xref.csv");
        Files.writeString(broken, xref + "NOSUCH-1,N1\n");
        CliRunner.Run refused = CliRunner.run("convert", "plan", dir, "--biller", "3440", "--xref", broken.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("broken-xref.csv: line 42: old number NOSUCH-1 is not an account of this biller")
                .contains("1 problem(s); no plan written");

        Path xrefFile = data.resolve("xref.csv");
        Files.writeString(xrefFile, xref);
        Path plan = data.resolve("plan.json");
        CliRunner.Run planned = CliRunner.run("convert", "plan", dir, "--biller", "3440", "--xref", xrefFile.toString(), "--out",
                plan.toString());
        assertThat(planned.exit()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("40 accounts matched").containsPattern("invoice\\s+40 rows");

        // with the biller's choice to invite payers back: this biller has none registered, so none is emailed
        CliRunner.Run applied = CliRunner.run("convert", "apply", dir, "--plan", plan.toString(), "--invite-payers");
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("40 accounts renumbered").containsPattern("account\\s+40 rows")
                .containsPattern("payer_invitation \\(re-registration\\)\\s+0 rows").contains("re-registration emails: 0 written, 0 still to send");
        assertThat(applied.err()).as("a progress bar on stderr").contains("Converting");

        String report = data.resolve("verification").toString();
        CliRunner.Run verified = CliRunner.run("convert", "verify", dir, "--biller", "3440", "--export", export.toString(), "--report", report);
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("PASSED: 40 accounts, 0 with a difference");
        assertThat(Files.readString(Path.of(report + ".html"))).contains("<strong>PASSED</strong>");
        assertThat(Files.readAllLines(Path.of(report + ".csv"))).hasSize(41).allSatisfy(l -> assertThat(l).doesNotContain("LOST"));

        CliRunner.Run again = CliRunner.run("convert", "apply", dir, "--plan", plan.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("changed since the plan was made");

        CliRunner.Run rolledBack = CliRunner.run("convert", "rollback", dir, "--biller", "3440");
        assertThat(rolledBack.exit()).as(rolledBack.err()).isZero();
        assertThat(rolledBack.out()).contains("rolled back");
        CliRunner.Run exportedAgain = CliRunner.run("convert", "export", dir, "--biller", "3440", data.resolve("after.csv").toString());
        assertThat(exportedAgain.exit()).isZero();
        assertThat(Files.readAllLines(data.resolve("after.csv"))).isEqualTo(lines);
    }
}
