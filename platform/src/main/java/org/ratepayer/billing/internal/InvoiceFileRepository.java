package org.ratepayer.billing.internal;

import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The record of every invoice file received: name, hash, who, when, counts, outcome and errors. */
@Repository
public class InvoiceFileRepository {

    private final JdbcClient jdbc;

    public InvoiceFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the file's hash for this biller; a second import of the same content fails on the unique index. */
    public long insertImporting(long bid, String name, String nameWarning, String sha256, long size, ImportSource source,
            String actor) {
        return jdbc.sql("""
                insert into invoice_file (biller_id, file_name, name_warning, sha256, size_bytes, source, received_by,
                                          outcome)
                values (?, ?, ?, ?, ?, ?, ?, 'IMPORTED') returning file_id
                """).params(bid, name, nameWarning, sha256, size, source.name(), actor).query(Long.class).single();
    }

    /** @param billReadyOwed the file's new bills are owed a bill-ready email (option 1014; docs/notices.md) */
    public void markImported(long fileId, long invoices, long accounts, BigDecimal total, long superseded, boolean billReadyOwed) {
        jdbc.sql("""
                update invoice_file set invoices = ?, accounts = ?, total_amount = ?, superseded = ?, finished_at = now(),
                                        bill_ready_owed = ?
                where file_id = ?
                """).params(invoices, accounts, total, superseded, billReadyOwed, fileId).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long recordRejected(long bid, String name, String nameWarning, String sha256, long size, ImportSource source,
            String actor, long invoices, String errorsJson, long errorCount) {
        return jdbc.sql("""
                insert into invoice_file (biller_id, file_name, name_warning, sha256, size_bytes, source, received_by,
                                          outcome, invoices, error_count, errors, finished_at)
                values (?, ?, ?, ?, ?, ?, ?, 'REJECTED', ?, ?, cast(? as jsonb), now()) returning file_id
                """).params(bid, name, nameWarning, sha256, size, source.name(), actor, invoices, errorCount, errorsJson)
                .query(Long.class).single();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailed(long bid, String name, String nameWarning, String sha256, long size, ImportSource source,
            String actor, String why) {
        jdbc.sql("""
                insert into invoice_file (biller_id, file_name, name_warning, sha256, size_bytes, source, received_by,
                                          outcome, error_count, errors, finished_at)
                values (?, ?, ?, ?, ?, ?, ?, 'FAILED', 1, jsonb_build_array(jsonb_build_object('message', ?::text)), now())
                """).params(bid, name, nameWarning, sha256, size, source.name(), actor, why).update();
    }

    public Optional<ImportOutcome> imported(long bid, String sha256) {
        return jdbc.sql("""
                select file_id, file_name, invoices, accounts, superseded, total_amount
                from invoice_file where biller_id = ? and sha256 = ? and outcome = 'IMPORTED'
                """).params(bid, sha256)
                .query((rs, n) -> new ImportOutcome(ImportOutcome.Status.ALREADY_IMPORTED, rs.getLong(1), rs.getString(2),
                        sha256, rs.getLong(3), 0, 0, 0, rs.getLong(5), rs.getBigDecimal(6), List.of(), 0, List.of()))
                .optional();
    }

    public List<FileRecord> recent(long bid, int limit) {
        return jdbc.sql("""
                select file_id, file_name, sha256, size_bytes, source, received_by, received_at, finished_at, outcome,
                       invoices, accounts, total_amount, superseded, error_count, name_warning
                from invoice_file where biller_id = ? order by received_at desc, file_id desc limit ?
                """).params(bid, limit)
                .query((rs, n) -> new FileRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getLong(10), rs.getLong(11),
                        rs.getBigDecimal(12), rs.getLong(13), rs.getLong(14), warnings(rs.getString(15))))
                .list();
    }

    static List<String> warnings(String nameWarning) {
        return nameWarning == null ? List.of() : List.of(nameWarning);
    }

    /** @param warnings what was off but did not stop the import (today: the file name's convention) */
    public record FileRecord(long fileId, String fileName, String sha256, long sizeBytes, String source, String receivedBy,
            OffsetDateTime receivedAt, OffsetDateTime finishedAt, String outcome, long invoices, long accounts,
            BigDecimal totalAmount, long superseded, long errorCount, List<String> warnings) {
        public FileRecord {
            warnings = List.copyOf(warnings);
        }
    }
}
