package org.ratepayer.billing;

import org.ratepayer.billing.internal.CopyTextWriter;
import org.ratepayer.billing.internal.ImportProgress;
import org.ratepayer.billing.internal.InvoiceFileRepository;
import org.ratepayer.billing.internal.InvoiceMerge;
import org.ratepayer.billing.internal.InvoiceStage;
import org.ratepayer.billing.internal.RenumberedInFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.ratepayer.bif.BifError;
import org.ratepayer.bif.BifOptions;
import org.ratepayer.bif.BifReader;
import org.ratepayer.bif.BifResult;
import org.ratepayer.bif.FileNameConvention;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.ConfigCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one invoice file, whichever door it came in by. A file is imported whole or not at
 * all: it is streamed once through the validating reader into a COPY, merged, and committed in
 * one transaction; a rejected or failed file leaves nothing behind but its record.
 */
@Service
public class InvoiceImportService {

    private static final Logger log = LoggerFactory.getLogger(InvoiceImportService.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BillerService billers;
    private final InvoiceFileRepository files;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    public InvoiceImportService(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager txManager,
            BillerService billers, InvoiceFileRepository files, ObjectMapper json, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.billers = billers;
        this.files = files;
        this.json = json;
        this.events = events;
    }

    public ImportOutcome importFile(long bid, Path file, String fileName, ImportSource source, String actor) {
        return importFile(bid, file, fileName, source, actor, ImportProgress.NONE);
    }

    public ImportOutcome importFile(long bid, Path file, String fileName, ImportSource source, String actor,
            ImportProgress progress) {
        Biller biller = billers.require(bid);
        BillerConfig config = billers.config(bid);
        InvoiceMerge.Rules rules = new InvoiceMerge.Rules(billers.defaultInvoiceType(bid),
                config.enabled(ConfigCatalogue.OPT_BIF_KEEPS_EMAIL), config.refreshesFromCis(),
                config.enabled(ConfigCatalogue.OPT_AUTO_CONVEYANCE));
        String sha256 = sha256(file);
        long size = size(file);
        // The name never decides the import, the content does: docs/invoice-files.md, "File names".
        String nameWarning = FileNameConvention.warning(fileName, bid).orElse(null);
        List<String> warnings = nameWarning == null ? List.of() : List.of(nameWarning);
        if (nameWarning != null) {
            log.warn("biller {}: {} from {}", bid, nameWarning, source);
        }
        Optional<ImportOutcome> earlier = files.imported(bid, sha256);
        if (earlier.isPresent()) {
            return earlier.get().withWarnings(warnings);
        }
        try {
            ImportOutcome outcome = tx.execute(status -> load(biller, rules, file, fileName, nameWarning, sha256, size,
                    source, actor, progress));
            log.info("biller {} imported {} ({} invoices, {} superseded) from {}", bid, fileName, outcome.invoices(),
                    outcome.superseded(), source);
            events.publishEvent(new InvoiceFileImported(bid, outcome.fileId()));
            return outcome.withWarnings(warnings);
        } catch (RejectedFile rejected) {
            BifResult r = rejected.result;
            long id = files.recordRejected(bid, fileName, nameWarning, sha256, size, source, actor, r.invoices(),
                    errorsJson(r.errors()), r.errorCount());
            log.info("biller {} rejected {} from {}: {} errors", bid, fileName, source, r.errorCount());
            return new ImportOutcome(ImportOutcome.Status.REJECTED, id, fileName, sha256, r.invoices(), 0, 0, 0, 0,
                    r.totalAmountDue(), r.errors(), r.errorCount(), warnings);
        } catch (DuplicateKeyException sameFileAtOnce) {
            // Another import of the same content committed while this one ran.
            return files.imported(bid, sha256).orElseThrow(() -> sameFileAtOnce).withWarnings(warnings);
        } catch (RuntimeException e) {
            files.recordFailed(bid, fileName, nameWarning, sha256, size, source, actor, describe(e));
            throw new ImportFailedException("import of " + fileName + " failed and stored nothing: " + describe(e), e);
        }
    }

    private ImportOutcome load(Biller biller, InvoiceMerge.Rules rules, Path file, String fileName, String nameWarning,
            String sha256, long size, ImportSource source, String actor, ImportProgress progress) {
        long bid = biller.bid();
        long fileId = files.insertImporting(bid, fileName, nameWarning, sha256, size, source, actor);
        jdbc.sql(InvoiceStage.CREATE).update();
        BifResult result;
        InvoiceStage stage;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        PGCopyOutputStream copy = null;
        try (CountingStream in = new CountingStream(Files.newInputStream(file), progress)) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            copy = new PGCopyOutputStream(pg, InvoiceStage.COPY, 1 << 16);
            Writer writer = new BufferedWriter(new OutputStreamWriter(new BufferedOutputStream(copy, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
            stage = new InvoiceStage(new CopyTextWriter(writer));
            BifReader reader = new BifReader(biller.fileSpec());
            result = reader.read(in, BifOptions.defaults().withExpectedBillerGuid(biller.guid().toString()), invoice -> {
                stage.add(invoice);
                in.invoiceRead();
            });
            if (!result.valid()) {
                throw new RejectedFile(result);
            }
            writer.flush();
            copy.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + fileName + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("staging " + fileName + ": " + e.getMessage(), e);
        } finally {
            // A COPY left open (a rejected file, a reader or handler that threw, even an OutOfMemoryError)
            // would make the rollback wait on the connection forever.
            cancelIfOpen(copy);
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        List<RenumberedInFile.OldNumber> oldNumbers = oldNumbers(bid);
        if (!oldNumbers.isEmpty()) {
            throw new RejectedFile(RenumberedInFile.refused(result, oldNumbers, billers.cachedConfig(bid).timeZone(),
                    BifOptions.DEFAULT_MAX_ERRORS));
        }
        InvoiceMerge merge = new InvoiceMerge(jdbc);
        List<AccountsChangedOwner.Change> newOwners = merge.ownerChanges(bid, rules.autoConveyance(), stage.anyConveyance());
        InvoiceMerge.Counts counts = merge.merge(bid, fileId, result.invoices(), rules);
        if (!newOwners.isEmpty()) {
            // heard in this transaction: the conveyances commit with the file, or neither does (docs/conveyance.md)
            events.publishEvent(new AccountsChangedOwner(bid, fileId, newOwners));
        }
        // One flag on the file's row, in the import's transaction: the emails are owed exactly when the bills exist, and
        // the notices job does the per-invoice work afterwards (docs/notices.md, "Bill ready").
        boolean billReadyOwed = result.invoices() > 0 && billers.cachedConfig(bid).option(ConfigCatalogue.OPT_BILL_READY_EMAILS)
                .map(Boolean::parseBoolean).orElse(true);
        files.markImported(fileId, result.invoices(), counts.accountsCreated() + counts.accountsUpdated(),
                result.totalAmountDue(), counts.superseded(), billReadyOwed);
        progress.update(size, result.invoices());
        return new ImportOutcome(ImportOutcome.Status.IMPORTED, fileId, fileName, sha256, result.invoices(),
                counts.accountsCreated(), counts.accountsUpdated(), counts.invoicesReplaced(), counts.superseded(),
                result.totalAmountDue(), List.of(), 0, List.of(), newOwners.size());
    }

    /**
     * The staged file's accounts that a conversion renumbered and no live account holds the number of: a late file
     * still carrying old numbers (docs/conversion-old-numbers.md). A biller never converted is answered by one probe.
     */
    private List<RenumberedInFile.OldNumber> oldNumbers(long bid) {
        boolean converted = jdbc.sql("select exists (select 1 from account_renumbering where biller_id = ?)").param(bid)
                .query(Boolean.class).single();
        if (!converted) {
            return List.of();
        }
        return jdbc.sql("""
                select s.account_number, min(s.customer_line), r.new_account_number, r.renumbered_at
                from bif_stage s
                join account_renumbering r on r.biller_id = ? and r.old_account_number = s.account_number
                where s.kind = 'I'
                  and not exists (select 1 from account a where a.biller_id = r.biller_id and a.account_number = s.account_number)
                group by s.account_number, r.new_account_number, r.renumbered_at
                """).param(bid)
                .query((rs, n) -> new RenumberedInFile.OldNumber(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    private static void cancelIfOpen(PGCopyOutputStream copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                log.warn("cancelling an unfinished COPY failed: {}", e.getMessage());
            }
        }
    }

    private String errorsJson(List<BifError> errors) {
        try {
            return json.writeValueAsString(errors.stream().map(e -> Map.of(
                    "line", e.line(),
                    "field", e.field() == null ? "" : e.field(),
                    "fileSpecId", e.fileSpecId() == null ? 0 : e.fileSpecId(),
                    "message", e.message())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file failed validation; thrown inside the transaction so that everything staged rolls back. */
    private static final class RejectedFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient BifResult result;

        RejectedFile(BifResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** Counts bytes and invoices for the progress bar, reporting about once a megabyte. */
    private static final class CountingStream extends FilterInputStream {
        private final ImportProgress progress;
        private long bytes;
        private long invoices;
        private long lastReport;

        void invoiceRead() {
            invoices++;
        }

        CountingStream(InputStream in, ImportProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            bytes += n;
            if (bytes - lastReport >= 1 << 20) {
                lastReport = bytes;
                progress.update(bytes, invoices);
            }
        }
    }

    /** The import broke for a reason other than the file's content (database down, disk error); nothing was stored. */
    public static class ImportFailedException extends org.ratepayer.shared.web.Refusal {
        private static final long serialVersionUID = 1L;

        public ImportFailedException(String message, Throwable cause) {
            super(Kind.UNAVAILABLE, "import-failed", "Import failed", null, null, message, cause);
        }
    }
}
