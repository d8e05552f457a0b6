package org.ratepayer.api.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ratepayer.api.ApiKeyAuthenticator;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.runtime.RatepayerProperties;
import org.ratepayer.throttle.Throttle;
import org.ratepayer.throttle.TooManyAttempts;
import org.springframework.stereotype.Component;

/**
 * UploadInvoiceFile's logic, shared by the SOAP operation and the form POST: the BillerGUID and
 * WebServiceKey must name the same biller, FileContents is the file's text (or its base64).
 */
@Component
public class InvoiceUploads {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

    private final ApiKeyAuthenticator authenticator;
    private final BillerService billers;
    private final InvoiceImportService imports;
    private final Path spool;
    private final Throttle throttle;

    public InvoiceUploads(ApiKeyAuthenticator authenticator, BillerService billers, InvoiceImportService imports,
            RatepayerProperties props, Throttle throttle) {
        this.authenticator = authenticator;
        this.billers = billers;
        this.imports = imports;
        this.spool = props.dataDir().resolve("tmp");
        this.throttle = throttle;
    }

    /** Thrown for a wrong GUID/key pair; the SOAP door turns it into a Client fault, the form door into 401. */
    public static class UploadDenied extends RuntimeException {
        public UploadDenied(String message) {
            super(message);
        }
    }

    /** Too many wrong pairs came from the caller's address lately: wait before trying another (docs/throttling.md). */
    public static class UploadSlowedDown extends UploadDenied {
        private final long retryAfterSeconds;

        public UploadSlowedDown(long retryAfterSeconds) {
            super("too many wrong BillerGUID and WebServiceKey pairs came from this address; try again in "
                    + TooManyAttempts.inWords(retryAfterSeconds));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** @param clientAddress the caller's address, which wrong keys are throttled by */
    public UploadInvoiceFileResult upload(String clientAddress, String billerGuid, String webServiceKey, String fileName,
            String fileContents) {
        Biller biller = authenticate(clientAddress, billerGuid, webServiceKey);
        if (fileContents == null || fileContents.isEmpty()) {
            return failure("FileContents is empty");
        }
        Path file = null;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "upload-", ".bif");
            Files.write(file, decode(fileContents));
            String name = fileName == null || fileName.isBlank() ? biller.bid() + "_upload.bif"
                    : Path.of(fileName.replace('\\', '/')).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            ImportOutcome outcome = imports.importFile(biller.bid(), file, name, ImportSource.SOAP,
                    "biller " + biller.bid() + " web service upload");
            return result(outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a stray spool file is harmless; the next start does not read it
                }
            }
        }
    }

    private Biller authenticate(String clientAddress, String billerGuid, String key) {
        UUID guid;
        try {
            guid = UUID.fromString(billerGuid == null ? "" : billerGuid.trim());
        } catch (IllegalArgumentException e) {
            throw new UploadDenied("BillerGUID is missing or not a GUID");
        }
        Throttle.Outcome<Biller> outcome = throttle.webServiceKey(clientAddress, () -> authenticator.billerKey(key)
                .filter(c -> c.keyKind() == KeyKind.WEB_SERVICE)
                .flatMap(c -> billers.find(c.bid()))
                .filter(b -> b.guid().equals(guid)));
        if (outcome.refused()) {
            throw new UploadSlowedDown(outcome.retryAfterSeconds());
        }
        return outcome.passed().orElseThrow(() -> new UploadDenied("BillerGUID and WebServiceKey do not match a biller"));
    }

    /** Partners send the file as text; some SOAP toolkits base64 it. A BIF always has pipes, base64 never does. */
    static byte[] decode(String contents) {
        String t = contents.strip();
        if (!t.contains("|") && BASE64.matcher(t).matches()) {
            try {
                return Base64.getMimeDecoder().decode(t);
            } catch (IllegalArgumentException notBase64) {
                // fall through: the reader will report what is wrong with it
            }
        }
        return contents.getBytes(StandardCharsets.UTF_8);
    }

    private static UploadInvoiceFileResult result(ImportOutcome o) {
        UploadInvoiceFileResult r = new UploadInvoiceFileResult();
        r.success = o.accepted();
        r.status = o.status().name();
        r.fileId = o.fileId();
        r.invoiceCount = o.invoices();
        r.totalAmountDue = o.totalAmountDue();
        r.errorCount = o.errorCount();
        r.errors = o.errors().stream().map(Object::toString).toList();
        r.message = switch (o.status()) {
            case IMPORTED -> o.fileName() + ": " + o.invoices() + " invoices imported";
            case ALREADY_IMPORTED -> o.fileName() + ": this file was already imported; nothing changed";
            case REJECTED -> o.fileName() + " rejected with " + o.errorCount() + " errors; nothing was stored";
        };
        return r;
    }

    private static UploadInvoiceFileResult failure(String message) {
        UploadInvoiceFileResult r = new UploadInvoiceFileResult();
        r.success = false;
        r.status = "REJECTED";
        r.message = message;
        r.errorCount = 1;
        r.errors = java.util.List.of(message);
        return r;
    }
}
