package org.ratepayer.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * The fields of a form body one at a time, in the order sent, each value a stream that is read (or
 * not) before the next field: nothing is read ahead. The servlet container's own form parsing reads
 * the whole body at the first look at any parameter, which is what the form upload must not do before
 * it has checked the key.
 */
public interface FormFields {

    /** @param fileName the file name a multipart part carried, or null for a plain field */
    record Field(String name, String fileName, InputStream value) {
    }

    /** The next field, or null after the last. */
    Field next() throws IOException;

    static FormFields of(HttpServletRequest request) throws IOException {
        return of(request, request.getContentType());
    }

    /** @param contentType the body's type as the client sent it (a filter may have hidden it from the request) */
    static FormFields of(HttpServletRequest request, String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/")) {
            return new Multipart(request, contentType);
        }
        return new UrlEncoded(request.getInputStream());
    }

    /** multipart/form-data, streamed by Commons FileUpload. */
    final class Multipart implements FormFields {

        private final FileItemInputIterator items;

        Multipart(HttpServletRequest request, String contentType) throws IOException {
            JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
            upload.setHeaderCharset(StandardCharsets.UTF_8);
            this.items = upload.getItemIterator(new JakartaServletRequestContext(request) {
                @Override
                public String getContentType() {
                    return contentType;
                }
            });
        }

        @Override
        public Field next() throws IOException {
            if (!items.hasNext()) {
                return null;
            }
            FileItemInput item = items.next();
            return new Field(item.getFieldName(), item.isFormField() ? null : item.getName(), item.getInputStream());
        }
    }

    /** application/x-www-form-urlencoded: {@code name=value&…}, each value %-decoded as it is read. */
    final class UrlEncoded implements FormFields {

        private static final int MAX_NAME = 256;

        private final PushbackInputStream in;
        private Value current;
        private boolean end;

        UrlEncoded(InputStream body) {
            this.in = new PushbackInputStream(new BufferedInputStream(body, 16 * 1024), 2);
        }

        @Override
        public Field next() throws IOException {
            while (true) {
                if (current != null) {
                    current.skipRest();
                    current = null;
                }
                if (end) {
                    return null;
                }
                ByteArrayOutputStream name = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '=' && b != '&') {
                    if (name.size() >= MAX_NAME) {
                        throw new IOException("a field name is longer than " + MAX_NAME + " bytes");
                    }
                    name.write(b);
                }
                if (b < 0) {
                    end = true;
                }
                current = new Value(b == '=');
                if (name.size() > 0) {
                    return new Field(decode(name.toString(StandardCharsets.ISO_8859_1)), null, current);
                }
            }
        }

        private static String decode(String raw) {
            try {
                return URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException brokenEscape) {
                return raw;
            }
        }

        private static int hex(int c) {
            return Character.digit(c, 16);
        }

        /** One value, up to the next {@code &}: {@code +} is a space and {@code %XX} a byte; a broken escape stays as sent. */
        private final class Value extends InputStream {

            private boolean done;

            Value(boolean present) {
                this.done = !present;
            }

            @Override
            public int read() throws IOException {
                if (done) {
                    return -1;
                }
                int b = in.read();
                if (b < 0 || b == '&') {
                    done = true;
                    end = b < 0;
                    return -1;
                }
                if (b == '+') {
                    return ' ';
                }
                if (b == '%') {
                    int high = in.read();
                    int low = high < 0 ? -1 : in.read();
                    if (hex(high) >= 0 && hex(low) >= 0) {
                        return hex(high) * 16 + hex(low);
                    }
                    if (low >= 0) {
                        in.unread(low);
                    }
                    if (high >= 0) {
                        in.unread(high);
                    }
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = 0;
                while (n < len) {
                    int b = read();
                    if (b < 0) {
                        break;
                    }
                    buf[off + n++] = (byte) b;
                }
                return n == 0 && len > 0 ? -1 : n;
            }

            void skipRest() throws IOException {
                while (read() >= 0) {
                    // a field the upload does not use, or the rest of one it stopped reading
                }
            }
        }
    }
}
