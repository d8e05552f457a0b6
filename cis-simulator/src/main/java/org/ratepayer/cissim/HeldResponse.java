package org.ratepayer.cissim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose body is kept in memory until {@link #release()}: status and headers go to the
 * real response, but nothing reaches the client earlier, however often the servlet flushes.
 */
final class HeldResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ServletOutputStream stream = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("held responses are written synchronously");
        }

        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            body.write(b, off, len);
        }
    };
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void setContentLength(int len) {
        // the length is set on release, from what was actually written
    }

    @Override
    public void setContentLengthLong(long len) {
        // see setContentLength
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    /** Sends what the servlet wrote. */
    void release() throws IOException {
        flushBuffer();
        HttpServletResponse real = (HttpServletResponse) getResponse();
        real.setContentLength(body.size());
        body.writeTo(real.getOutputStream());
        real.flushBuffer();
    }
}
