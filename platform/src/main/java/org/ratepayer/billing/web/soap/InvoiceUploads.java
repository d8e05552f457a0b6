package org.ratepayer.billing.web.soap;

import org.ratepayer.shared.web.CallerAuthenticator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billing.ImportOutcome;
import org.ratepayer.billing.ImportSource;
import org.ratepayer.billing.InvoiceImportService;
import org.ratepayer.billing.internal.UploadFileNames;
import org.ratepayer.shared.config.RatepayerProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.ratepayer.shared.net.AddressGate;
import org.ratepayer.shared.net.ClientAddresses;
import org.ratepayer.shared.web.Caller;
import org.ratepayer.shared.throttle.Throttle;
import org.ratepayer.shared.throttle.TooManyAttempts;
import org.springframework.stereotype.Component;

/**
 * UploadInvoiceFile's logic, shared by the SOAP operation and the form POST: the BillerGUID and
 * WebServiceKey must name the same biller, FileContents is the file's text (or its base64).
 */
@Component
public class InvoiceUploads {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

    private final CallerAuthenticator authenticator;
    private final BillerService billers;
    private final InvoiceImportService imports;
    private final Path spool;
    private final Throttle throttle;
    private final ClientAddresses addresses;
    private final AddressGate gate;

    public InvoiceUploads(CallerAuthenticator authenticator, BillerService billers, InvoiceImportService imports,
            RatepayerProperties props, Throttle throttle, ClientAddresses addresses, AddressGate gate) {
        this.addresses = addresses;
        this.gate = gate;
        this.authenticator = authenticator;
        this.billers = billers;
        this.imports = imports;
        this.spool = props.dataDir().resolve("tmp");
        this.throttle = throttle;
    }

    /** Thrown for a wrong GUID/key pair; the SOAP door turns it into a Client fault, the form door into 401. */
    public static class UploadDenied extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UploadDenied(String message) {
            super(message);
        }
    }

    /** A right pair from an address the biller's IP allow-list leaves out: a Client fault, 403 at the form door. */
    public static class UploadAddressRefused extends UploadDenied {
        private static final long serialVersionUID = 1L;

        public UploadAddressRefused(String message) {
            super(message);
        }
    }

    /** Too many wrong pairs came from the caller's address lately: wait before trying another (docs/throttling.md). */
    public static class UploadSlowedDown extends UploadDenied {
        private static final long serialVersionUID = 1L;

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

    /** @param request the call, whose address wrong keys are throttled by and the IP allow-list judges */
    public UploadInvoiceFileResult upload(HttpServletRequest request, String billerGuid, String webServiceKey, String fileName,
            String fileContents) {
        Biller biller = authenticate(request, billerGuid, webServiceKey);
        if (fileContents == null || fileContents.isEmpty()) {
            return failure("FileContents is empty");
        }
        Path file = null;
        try {
            file = spoolFile();
            Files.write(file, decode(fileContents));
            return importFile(biller, fileName, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    /**
     * The form door's upload: the key was checked before FileContents was read, and FileContents is already
     * on disk as sent (the file's text, or its base64). The caller deletes {@code contents}.
     */
    UploadInvoiceFileResult upload(Biller biller, String fileName, Path contents) throws IOException {
        if (Files.size(contents) == 0) {
            return failure("FileContents is empty");
        }
        Path decoded = null;
        try {
            decoded = decodedCopy(contents);
            return importFile(biller, fileName, decoded == null ? contents : decoded);
        } finally {
            delete(decoded);
        }
    }

    /** A new empty file where uploads wait to be imported. */
    Path spoolFile() throws IOException {
        Files.createDirectories(spool);
        return Files.createTempFile(spool, "upload-", ".bif");
    }

    private UploadInvoiceFileResult importFile(Biller biller, String fileName, Path file) {
        String name = UploadFileNames.safe(fileName, biller.bid());
        ImportOutcome outcome = imports.importFile(biller.bid(), file, name, ImportSource.SOAP,
                "biller " + biller.bid() + " web service upload");
        return result(outcome);
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray spool file is harmless; the next start does not read it
            }
        }
    }

    /**
     * The biller that this BillerGUID and WebServiceKey name together, or {@link UploadDenied}; a wrong pair
     * counts against the caller's address, and {@link UploadSlowedDown} says when too many did. A right pair from an
     * address the biller's IP allow-list leaves out is {@link UploadAddressRefused} (docs/ip-allow-list.md).
     */
    Biller authenticate(HttpServletRequest request, String billerGuid, String key) {
        String clientAddress = request == null ? null : request.getRemoteAddr();
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
        Biller biller = outcome.passed().orElseThrow(() -> new UploadDenied("BillerGUID and WebServiceKey do not match a biller"));
        try {
            gate.check(Caller.biller(biller.bid(), KeyKind.WEB_SERVICE), addresses.of(request));
        } catch (AddressGate.AddressNotAllowed e) {
            throw new UploadAddressRefused(e.getMessage());
        }
        return biller;
    }

    /** {@link #decode} for a file on disk: a decoded copy when the file is base64, else null (the file is the BIF itself). */
    private Path decodedCopy(Path contents) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(contents))) {
            for (int b; (b = in.read()) >= 0; ) {
                if (!isBase64Byte(b)) {
                    return null;
                }
            }
        }
        Path decoded = spoolFile();
        try (InputStream in = Base64.getMimeDecoder().wrap(new BufferedInputStream(Files.newInputStream(contents)))) {
            Files.copy(in, decoded, StandardCopyOption.REPLACE_EXISTING);
            return decoded;
        } catch (IOException | IllegalArgumentException notBase64) {
            delete(decoded);
            return null; // the reader will report what is wrong with it
        }
    }

    private static boolean isBase64Byte(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '='
                || b == '\r' || b == '\n' || b == ' ' || b == '\t';
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
        r.warnings = o.warnings();
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
