package org.ratepayer.billing.web.soap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ratepayer.shared.web.FormFields;
import org.ratepayer.billers.Biller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP POST (form) variant of UploadInvoiceFile that .asmx services also answer, replying in XML:
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data} with BillerGUID,
 * WebServiceKey, FileName and FileContents. The form is read as a stream, so the key is checked as soon
 * as BillerGUID and WebServiceKey have been read and a wrong one is refused before FileContents is read;
 * a FileContents that comes before the key is read only up to {@link #UNAUTHENTICATED_FILE}. A plain
 * servlet, not a Spring MVC controller: MVC would parse a multipart body in full before any handler runs.
 */
final class UploadFormServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;


    static final int MAX_FIELD = 8 * 1024;
    static final int UNAUTHENTICATED_FILE = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(UploadFormServlet.class);

    private final transient InvoiceUploads uploads;
    private final transient JAXBContext xml;

    UploadFormServlet(InvoiceUploads uploads) {
        this.uploads = uploads;
        try {
            this.xml = JAXBContext.newInstance(UploadInvoiceFileResult.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form this upload cannot take: a field too long, FileContents twice. */
    private static final class BadForm extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadForm(String message) {
            super(message);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
            answer(response, 415, failure("REJECTED", "send the form as application/x-www-form-urlencoded or multipart/form-data"));
            return;
        }
        try {
            answer(response, 200, upload(request, FormFields.of(request)));
        } catch (InvoiceUploads.UploadSlowedDown e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            answer(response, 429, failure("TOO_MANY_ATTEMPTS", e.getMessage()));
        } catch (InvoiceUploads.UploadAddressRefused e) {
            answer(response, 403, failure("DENIED", e.getMessage()));
        } catch (InvoiceUploads.UploadDenied e) {
            answer(response, 401, failure("DENIED", e.getMessage()));
        } catch (BadForm e) {
            answer(response, 400, failure("REJECTED", e.getMessage()));
        } catch (IOException e) {
            answer(response, 400, failure("REJECTED", "the form could not be read to its end"));
        } catch (RuntimeException e) {
            log.error("form upload failed", e);
            answer(response, 500, failure("ERROR", "something went wrong on our side; nothing was imported, try again later"));
        }
    }

    private UploadInvoiceFileResult upload(HttpServletRequest request, FormFields fields) throws IOException {
        String guid = null;
        String key = null;
        String name = null;
        Biller biller = null;
        Path file = null;
        try {
            for (FormFields.Field f; (f = fields.next()) != null; ) {
                switch (f.name()) {
                    case "BillerGUID" -> guid = text(f);
                    case "WebServiceKey" -> key = text(f);
                    case "FileName" -> name = text(f);
                    case "FileContents" -> {
                        if (file != null) {
                            throw new BadForm("FileContents is given twice");
                        }
                        file = uploads.spoolFile();
                        if (!copy(f.value(), file, biller == null ? UNAUTHENTICATED_FILE : Long.MAX_VALUE)) {
                            throw new InvoiceUploads.UploadDenied("send BillerGUID and WebServiceKey before FileContents: a file "
                                    + "larger than " + UNAUTHENTICATED_FILE / 1024 + " KB is read only once its key is checked");
                        }
                    }
                    default -> text(f);
                }
                if (biller == null && guid != null && key != null) {
                    biller = uploads.authenticate(request, guid, key);
                }
            }
            if (file == null) {
                return uploads.upload(request, guid, key, name, (String) null);
            }
            return uploads.upload(biller != null ? biller : uploads.authenticate(request, guid, key), name, file);
        } finally {
            InvoiceUploads.delete(file);
        }
    }

    private static String text(FormFields.Field f) throws IOException {
        byte[] value = f.value().readNBytes(MAX_FIELD + 1);
        if (value.length > MAX_FIELD) {
            throw new BadForm(f.name() + " is longer than " + MAX_FIELD / 1024 + " KB");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Copies at most {@code limit} bytes; false when there was more. */
    private static boolean copy(InputStream in, Path file, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    return false;
                }
                out.write(buf, 0, n);
            }
        }
        return true;
    }

    private static UploadInvoiceFileResult failure(String status, String message) {
        UploadInvoiceFileResult r = new UploadInvoiceFileResult();
        r.success = false;
        r.status = status;
        r.message = message;
        if (!status.equals("DENIED") && !status.equals("TOO_MANY_ATTEMPTS")) {
            r.errorCount = 1;
            r.errors = List.of(message);
        }
        return r;
    }

    private void answer(HttpServletResponse response, int status, UploadInvoiceFileResult result) throws IOException {
        response.setStatus(status);
        response.setContentType("text/xml;charset=UTF-8");
        try {
            Marshaller m = xml.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(result, response.getOutputStream());
        } catch (JAXBException e) {
            throw new IOException("writing the answer", e);
        }
    }
}
