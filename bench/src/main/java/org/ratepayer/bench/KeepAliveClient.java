package org.ratepayer.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocking HTTP/1.1 client on one keep-alive connection, for one load-driver thread. Both sides
 * of a comparison go through it, so what it costs is the same on each; it is far cheaper than
 * java.net.http.HttpClient, whose selector thread and executor hand every exchange between threads,
 * and the driver shares the machine's cores with what it measures.
 *
 * <p>Reads a status line, headers, and a body by Content-Length, chunks, or up to the close;
 * honours {@code Connection: close} (Tomcat sends it after 100 requests on a connection) by
 * reconnecting on the next exchange. Not thread-safe.
 */
final class KeepAliveClient implements AutoCloseable {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private byte[] body = new byte[16 * 1024];
    private int bodyLength;
    private final byte[] line = new byte[8 * 1024];
    private int connects;

    KeepAliveClient(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends {@code request} (a complete HTTP/1.1 request: head and body) and reads the reply; returns
     * its status, the body is then {@link #body()}. A kept-alive connection the server closed while
     * idle is replaced and the request sent once more (every request sent here is idempotent).
     */
    int exchange(byte[] request) throws IOException {
        boolean wasReused = socket != null && reused;
        try {
            return attempt(request);
        } catch (EOFException | java.net.SocketException e) {
            disconnect();
            if (!wasReused) {
                throw e;
            }
            return attempt(request);
        }
    }

    private int attempt(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        int status = readHead();
        reused = true;
        return status;
    }

    /** The body of the last reply (valid up to {@link #bodyLength()}). */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    boolean bodyContains(byte[] needle) {
        outer:
        for (int i = 0, last = bodyLength - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** Connections opened so far, the first one included. */
    int connects() {
        return connects;
    }

    @Override
    public void close() {
        disconnect();
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
        reused = false;
        connects++;
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that is already broken
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    private int readHead() throws IOException {
        int n = readLine();
        if (n < 0) {
            throw new EOFException("connection closed before the status line");
        }
        String statusLine = new String(line, 0, n, StandardCharsets.ISO_8859_1);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        while ((n = readLine()) > 0) {
            if (startsWithIgnoreCase(n, "content-length:")) {
                contentLength = Long.parseLong(value(n, "content-length:".length()));
            } else if (startsWithIgnoreCase(n, "transfer-encoding:")) {
                chunked = value(n, "transfer-encoding:".length()).toLowerCase().contains("chunked");
            } else if (startsWithIgnoreCase(n, "connection:")) {
                String v = value(n, "connection:".length()).toLowerCase();
                close = v.contains("close") || (close && !v.contains("keep-alive"));
            }
        }
        if (n < 0) {
            throw new EOFException("connection closed in the headers");
        }
        bodyLength = 0;
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            // no body
        } else if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readFully((int) contentLength);
        } else {
            readToEnd();
            close = true;
        }
        if (close) {
            disconnect();
        }
        return status;
    }

    private void readChunks() throws IOException {
        while (true) {
            int n = readLine();
            if (n < 0) {
                throw new EOFException("connection closed in a chunk header");
            }
            String size = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            int semi = size.indexOf(';');
            int chunk = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            if (chunk == 0) {
                while ((n = readLine()) > 0) {
                    // trailers
                }
                return;
            }
            readFully(chunk);
            if (readLine() != 0) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private void readFully(int length) throws IOException {
        ensure(bodyLength + length);
        int read = 0;
        while (read < length) {
            int r = in.read(body, bodyLength + read, length - read);
            if (r < 0) {
                throw new EOFException("connection closed in the body");
            }
            read += r;
        }
        bodyLength += length;
    }

    private void readToEnd() throws IOException {
        int r;
        while (true) {
            ensure(bodyLength + 4096);
            r = in.read(body, bodyLength, body.length - bodyLength);
            if (r < 0) {
                return;
            }
            bodyLength += r;
        }
    }

    private void ensure(int capacity) {
        if (capacity > body.length) {
            body = Arrays.copyOf(body, Math.max(capacity, body.length * 2));
        }
    }

    /** Reads one line without its CRLF into {@link #line}; its length, or -1 at the end of the stream. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return n == 0 ? -1 : n;
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("header line over " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean startsWithIgnoreCase(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int n, int from) {
        return new String(line, from, n - from, StandardCharsets.ISO_8859_1).trim();
    }
}
