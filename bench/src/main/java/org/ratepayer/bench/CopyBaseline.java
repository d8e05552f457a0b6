package org.ratepayer.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The floor an import is measured against: the rows the import stored, loaded with nothing but
 * COPY into tables shaped like the real ones, in one transaction. The rows are taken back out of
 * the database rather than rendered anew, so both sides store byte-for-byte the same values.
 */
final class CopyBaseline {

    /** The tables the import fills, in the order the baseline loads them. */
    static final List<String> TABLES = List.of("account", "invoice", "invoice_line");

    /** Per-table figures are in {@link #TABLES} order. */
    record Result(long nanos, long[] tableNanos, long[] tableRows, long commitNanos, long bytes) {
        long accounts() {
            return tableRows[0];
        }

        long invoices() {
            return tableRows[1];
        }

        long lines() {
            return tableRows[2];
        }

        long rows() {
            return accounts() + invoices() + lines();
        }
    }

    private CopyBaseline() {
    }

    static Result run(DataSource dataSource, long bid, Path dir) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    s.execute("drop table if exists baseline_" + table);
                    // LIKE ... INCLUDING ALL brings columns, defaults, NOT NULL, checks, the primary and
                    // unique keys and the other indexes, so every row costs the same index upkeep.
                    s.execute("create table baseline_" + table + " (like " + table + " including all)");
                }
                // The ids the import drew from invoice's sequence are copied as they are; dropping the
                // default keeps the baseline from ever touching the real table's sequence.
                s.execute("alter table baseline_invoice alter column invoice_id drop default");
                // LIKE leaves foreign keys out; put them back so the baseline pays the same per-row checks.
                s.execute("alter table baseline_account add foreign key (biller_id) references biller");
                s.execute("alter table baseline_invoice add foreign key (biller_id) references biller,"
                        + " add foreign key (file_id) references invoice_file");
            }
            long bytes = 0;
            for (String table : TABLES) {
                Path file = dir.resolve(table + ".copy");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    // bid is a long, so inlining it (COPY takes no parameters) cannot inject anything.
                    copy.copyOut("copy (select * from " + table + " where biller_id = " + bid + ") to stdout", out);
                }
                bytes += Files.size(file);
            }
            BifImportBench.checkpoint(c);

            long[] rows = new long[TABLES.size()];
            long[] nanos = new long[TABLES.size()];
            long commitNanos;
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < TABLES.size(); i++) {
                    String table = TABLES.get(i);
                    long tableStart = System.nanoTime();
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(table + ".copy")),
                            1 << 16)) {
                        rows[i] = copy.copyIn("copy baseline_" + table + " from stdin", in, 1 << 16);
                    }
                    nanos[i] = System.nanoTime() - tableStart;
                }
                long commitStart = System.nanoTime();
                c.commit();
                commitNanos = System.nanoTime() - commitStart;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            long total = System.nanoTime() - start;
            for (String table : TABLES) {
                Files.deleteIfExists(dir.resolve(table + ".copy"));
            }
            return new Result(total, nanos, rows, commitNanos, bytes);
        }
    }
}
