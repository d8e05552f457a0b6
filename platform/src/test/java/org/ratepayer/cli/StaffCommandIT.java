package org.ratepayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./ratepayer staff create-admin}: the operator's way to a biller's first administrator (docs/staff-portal.md). */
class StaffCommandIT {

    @Test
    void theOperatorCreatesAnAdministratorAndIsToldWhereToSignInAndAMistakeIsNamedWithoutATrace() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "staff-data");
        String dir = "--data-dir=" + data;
        CliRunner.Run created = CliRunner.run("biller", "create", dir, "--bid", "3441", "--name", "Staffed Cooperative");
        assertThat(created.exit()).as(created.err()).isZero();

        CliRunner.Run admin = CliRunner.run("staff", "create-admin", dir, "--biller", "3441", "--username", "ana",
                "--email", "ana@example.org");
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(admin.out()).contains("username:           ana").containsPattern("one-time password:  \\S{12,}")
                .contains("sign in at:         ").contains("/staff/3441/sign-in");

        CliRunner.Run again = CliRunner.run("staff", "create-admin", dir, "--biller", "3441", "--username", "ana",
                "--email", "ana2@example.org");
        assertThat(again.exit()).as("a username already taken").isEqualTo(1);
        assertThat(again.err()).startsWith("ratepayer staff: ").doesNotContain("Exception");
        assertThat(again.out()).doesNotContain("one-time password");

        CliRunner.Run unknown = CliRunner.run("staff", "create-admin", dir, "--biller", "9999", "--username", "cy",
                "--email", "cy@example.org");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("ratepayer staff: ").doesNotContain("Exception");
    }
}
