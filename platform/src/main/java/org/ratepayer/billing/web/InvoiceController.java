package org.ratepayer.billing.web;

import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.web.NotFoundException;
import org.ratepayer.shared.web.ProblemWriter;
import org.ratepayer.shared.web.UploadBody;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.ratepayer.bif.BifError;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.internal.InvoiceFileRepository;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.billing.InvoiceQueries;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.billing.internal.UploadFileNames;
import org.ratepayer.shared.config.RatepayerProperties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Invoice files in (the biller's web-service key) and invoices out (any of the biller's keys). */
@RestController
@RequestMapping("/api/v1/billers/{bid}")
public class InvoiceController {

    private final InvoiceImportService imports;
    private final InvoiceQueries queries;
    private final InvoiceFileRepository files;
    private final BillerService billers;
    private final UploadSpool spool;
    private final RenumberedAccounts renumbered;

    public InvoiceController(InvoiceImportService imports, InvoiceQueries queries, InvoiceFileRepository files,
            BillerService billers, RatepayerProperties props, RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.imports = imports;
        this.queries = queries;
        this.files = files;
        this.billers = billers;
        this.spool = new UploadSpool(props.dataDir().resolve("tmp"));
    }

    public record ErrorItem(long line, String field, Integer fileSpecId, String message) {
        static ErrorItem of(BifError e) {
            return new ErrorItem(e.line(), e.field(), e.fileSpecId(), e.message());
        }
    }

    /**
     * An invoice file imported (201) or already imported before (200); a rejected file is a 422 problem instead.
     * {@code conveyed}, the accounts the file conveyed to a new owner (docs/conveyance.md), appears only when it did.
     */
    public record ImportResult(ImportOutcome.Status status, Long fileId, String fileName, String sha256, long invoices,
            long accountsCreated, long accountsUpdated, long invoicesReplaced, long superseded, BigDecimal totalAmountDue,
            List<String> warnings, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long conveyed) {
        static ImportResult of(ImportOutcome o) {
            return new ImportResult(o.status(), o.fileId(), o.fileName(), o.sha256(), o.invoices(), o.accountsCreated(),
                    o.accountsUpdated(), o.invoicesReplaced(), o.superseded(), o.totalAmountDue(), o.warnings(), o.conveyed());
        }
    }

    /** An account and its invoices. */
    public record AccountInvoices(InvoiceQueries.Account account, List<InvoiceQueries.Invoice> invoices) {
    }

    @PostMapping("/invoice-files")
    @ApiResponse(responseCode = "201", description = "Imported",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @ApiResponse(responseCode = "200", description = "Already imported: nothing changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @ApiResponse(responseCode = "422", description = "Rejected: nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<?> upload(@PathVariable long bid, Caller caller, HttpServletRequest request,
            @RequestParam(required = false) String fileName,
            @RequestHeader(value = "X-File-Name", required = false) String fileNameHeader) throws IOException {
        caller.actFor(bid, KeyKind.WEB_SERVICE);
        billers.require(bid);
        UploadBody.Received received = UploadBody.receive(request, spool::save);
        String name = UploadFileNames.safe(fileName != null ? fileName : fileNameHeader != null ? fileNameHeader
                : received.partFileName(), bid);
        Path file = received.file();
        try {
            ImportOutcome outcome = imports.importFile(bid, file, name, ImportSource.REST, caller.actor());
            return respond(outcome);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static ResponseEntity<?> respond(ImportOutcome outcome) {
        if (outcome.status() == ImportOutcome.Status.REJECTED) {
            ProblemDetail p = ProblemWriter.problem(422, "invalid-invoice-file", "Invalid invoice file",
                    outcome.fileName() + " was rejected with " + outcome.errorCount() + " error"
                            + (outcome.errorCount() == 1 ? "" : "s") + "; nothing was stored");
            p.setProperty("fileId", outcome.fileId());
            p.setProperty("errorCount", outcome.errorCount());
            p.setProperty("errors", outcome.errors().stream().map(ErrorItem::of).toList());
            p.setProperty("warnings", outcome.warnings());
            return ResponseEntity.status(422).body(p);
        }
        return ResponseEntity.status(outcome.status() == ImportOutcome.Status.IMPORTED ? 201 : 200).body(ImportResult.of(outcome));
    }

    @GetMapping("/invoice-files")
    public List<InvoiceFileRepository.FileRecord> recentFiles(@PathVariable long bid, Caller caller,
            @RequestParam(defaultValue = "50") int limit) {
        caller.actFor(bid, KeyKind.WEB_SERVICE, KeyKind.API);
        return files.recent(bid, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/invoices")
    public AccountInvoices invoices(@PathVariable long bid, @RequestParam String account, Caller caller) {
        caller.actFor(bid, KeyKind.WEB_SERVICE, KeyKind.API);
        // an old number after a conversion answers for the account's new one, which the answer's account names
        // (docs/conversion-old-numbers.md)
        String current = renumbered.resolve(bid, account);
        InvoiceQueries.Account acct = queries.account(bid, current)
                .orElseThrow(() -> new NotFoundException("biller " + bid + " has no account " + account));
        return new AccountInvoices(acct, queries.invoices(bid, current));
    }

    /** Request bodies are written to disk first: the import reads the file twice (hash, then load) and never holds it in memory. */
    static final class UploadSpool {
        private final Path dir;

        UploadSpool(Path dir) {
            this.dir = dir;
        }

        Path save(InputStream body) throws IOException {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "upload-", ".bif");
            try {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
                return file;
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }
}
