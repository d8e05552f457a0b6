package org.ratepayer.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * Reads an upload's file from the body as the client sent it ({@link RawUploadFilter} keeps the
 * container from parsing it). In a multipart body the file is the first file part or the field
 * named {@code file}, streamed straight to disk, and a field {@code fileName} may name it; any other
 * body is the file itself.
 */
final class UploadBody {

    /** @param partFileName the file name a multipart body carried, or null */
    record Received(Path file, String partFileName) {
    }

    interface Sink {
        Path save(InputStream body) throws IOException;
    }

    private static final int MAX_NAME = 255;

    private UploadBody() {
    }

    static Received receive(HttpServletRequest request, Sink sink) throws IOException {
        String sent = (String) request.getAttribute(RawUploadFilter.ORIGINAL_CONTENT_TYPE);
        if (sent == null || !sent.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return new Received(sink.save(request.getInputStream()), null);
        }
        try {
            FileItemInputIterator parts = new JakartaServletFileUpload<>(DiskFileItemFactory.builder().get())
                    .getItemIterator(new JakartaServletRequestContext(request) {
                        @Override
                        public String getContentType() {
                            return sent;
                        }
                    });
            // Parts arrive as one stream: each is read, or skipped, before the next.
            Path file = null;
            String name = null;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                boolean isFile = !part.isFormField() || "file".equals(part.getFieldName());
                if (isFile && file == null) {
                    file = save(part, sink);
                    if (!part.isFormField() && name == null) {
                        name = part.getName();
                    }
                } else if (part.isFormField() && "fileName".equals(part.getFieldName())) {
                    try (InputStream in = part.getInputStream()) {
                        name = new String(in.readNBytes(MAX_NAME), StandardCharsets.UTF_8);
                    }
                }
            }
            if (file == null) {
                throw new BadRequestException("file", "the multipart body has no file part; send the invoice file as a "
                        + "part named 'file' (curl -F file=@NAME) or as the whole body (curl --data-binary @NAME)");
            }
            return new Received(file, name);
        } catch (FileUploadException e) {
            throw new BadRequestException("body", "the multipart body cannot be read (" + plain(e) + ")");
        }
    }

    private static Path save(FileItemInput part, Sink sink) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return sink.save(in);
        }
    }

    private static String plain(FileUploadException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "malformed multipart content" : m;
    }
}
