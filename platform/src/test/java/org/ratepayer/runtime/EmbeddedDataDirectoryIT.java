package org.ratepayer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Ratepayer killed with SIGKILL leaves its embedded PostgreSQL running; the next start stops it and starts afresh on the
 * same data, while a Ratepayer still alive on the directory keeps it (docs/operations.md, "The embedded database").
 */
class EmbeddedDataDirectoryIT {

    @Test
    void aPostgresLeftRunningByADeadRatepayerIsStoppedAndItsDataServedAgain() throws Exception {
        Path pgDir = Files.createTempDirectory(Path.of("target"), "orphan").resolve("pg").toAbsolutePath();
        Files.createDirectories(pgDir);
        String postgres;
        try (EmbeddedPostgres first = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false).start();
                Connection c = first.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table kept (n int); insert into kept values (42)");
            postgres = EmbeddedDataDirectory.runningServer(pgDir).orElseThrow().info().command().orElseThrow();
        }
        // the server a Ratepayer killed with SIGKILL leaves behind: nobody will stop it
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            // as the embedded library does: PostgreSQL refuses root, so root runs it in a user namespace of its own
            command.addAll(List.of("unshare", "-Uu"));
        }
        command.addAll(List.of(postgres, "-D", pgDir.toString(), "-p", Integer.toString(port), "-F",
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + pgDir));
        Process orphan = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(pgDir.resolveSibling("orphan.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> EmbeddedDataDirectory.runningServer(pgDir).isPresent());

            try (EmbeddedDataDirectory claimed = EmbeddedDataDirectory.claim(pgDir)) {
                assertThat(claimed).isNotNull();
                assertThat(orphan.isAlive()).as("the orphan stopped").isFalse();
                assertThat(EmbeddedDataDirectory.runningServer(pgDir)).isEmpty();
                assertThatThrownBy(() -> EmbeddedDataDirectory.claim(pgDir)).as("a second Ratepayer on the same directory")
                        .isInstanceOf(IllegalStateException.class).isInstanceOf(EmbeddedDataDirectory.InUse.class).hasMessageContaining("another Ratepayer is running");
                try (EmbeddedPostgres again = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false).start();
                        Connection c = again.getPostgresDatabase().getConnection();
                        ResultSet rs = c.createStatement().executeQuery("select n from kept")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the data the orphan served").isEqualTo(42);
                }
            }
            try (EmbeddedDataDirectory again = EmbeddedDataDirectory.claim(pgDir)) {
                assertThat(again).as("free again once released").isNotNull();
            }
        } finally {
            orphan.destroyForcibly();
        }
    }
}
