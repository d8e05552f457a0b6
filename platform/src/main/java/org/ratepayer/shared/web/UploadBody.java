package org.ratepayer.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.fileupload2.core.FileUploadException;

/**
 * Reads an upload's file from the body as the client sent it ({@link RawUploadFilter} keeps the
 * container from parsing it). In a multipart body the file is the first file part or the field
 * named {@code file}, streamed straight to disk, and a field {@code fileName} may name it; any other
 * body is the file itself. See docs/invoice-files.md.
 */
public final class UploadBody {

    /** @param partFileName the file name a multipart body carried, or null */
    public record Received(Path file, String partFileName) {
    }

    public interface Sink {
        Path save(InputStream body) throws IOException;
    }

    private static final int MAX_NAME = 255;

    private UploadBody() {
    }

    public static Received receive(HttpServletRequest request, Sink sink) throws IOException {
        String sent = (String) request.getAttribute(RawUploadFilter.ORIGINAL_CONTENT_TYPE);
        if (sent == null || !sent.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return new Received(sink.save(request.getInputStream()), null);
        }
        try {
            FormFields fields = FormFields.of(request, sent);
            Path file = null;
            String name = null;
            // Parts arrive as one stream: each is read, or skipped, before the next.
            for (FormFields.Field f; (f = fields.next()) != null; ) {
                boolean isFile = f.fileName() != null || "file".equals(f.name());
                if (isFile && file == null) {
                    file = sink.save(f.value());
                    if (f.fileName() != null && name == null) {
                        name = f.fileName();
                    }
                } else if (f.fileName() == null && "fileName".equals(f.name())) {
                    name = new String(f.value().readNBytes(MAX_NAME), StandardCharsets.UTF_8);
                }
            }
            if (file == null) {
                throw new BadRequestException("file", "the multipart body has no file part; send the invoice file as a "
                        + "part named 'file' (curl -F file=@NAME) or as the whole body (curl --data-binary @NAME)");
            }
            return new Received(file, name);
        } catch (FileUploadException e) {
            String m = e.getMessage();
            throw new BadRequestException("body", "the multipart body cannot be read ("
                    + (m == null || m.isBlank() ? "malformed multipart content" : m) + ")");
        }
    }
}
