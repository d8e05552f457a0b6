package org.ratepayer.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what well-behaved clients refuse to send: bytes that are not
 * ASCII in a header, a NUL in a URL, and bodies of tens of megabytes streamed while the answer is
 * read, to see whether the server answers (and stops reading) before the body is all sent.
 */
final class RawHttp {

    private RawHttp() {
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** One request, sent as these exact bytes; the connection is closed after the answer. */
    static Answer exchange(int port, byte[] request) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return parse(s.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET or other request with these headers (a Host among them replaces the default {@code localhost}). */
    static Answer exchange(int port, String method, String target, Map<String, String> headers, String body) {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return exchange(port, request(method, target, lines.toString(),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] request(String method, String target, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ownHost = ("\r\n" + headers).toLowerCase(java.util.Locale.ROOT).contains("\r\nhost:");
        out.writeBytes((method + " " + target + " HTTP/1.1\r\n" + (ownHost ? "" : "Host: localhost\r\n") + "Connection: close\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(headers.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * @param answer           the server's answer
     * @param sentWhenAnswered how much of the body had been sent when the answer's first byte arrived
     * @param sent             how much of the body was sent in all
     * @param completed        whether the whole body could be sent (false when the server stopped reading and closed)
     */
    record Streamed(Answer answer, long sentWhenAnswered, long sent, boolean completed) {
    }

    /**
     * Sends a request whose body is {@code prefix}, then {@code filler} bytes up to {@code length}, then
     * {@code suffix}, while reading the answer on another thread. The socket is closed early on purpose, to
     * stop the sender once the answer is in, as well as by the try-with-resources.
     */
    @SuppressWarnings("try")
    static Streamed stream(int port, String head, byte[] prefix, byte filler, byte[] suffix, long length) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(60_000);
            AtomicLong sent = new AtomicLong();
            AtomicLong sentWhenAnswered = new AtomicLong(-1);
            CompletableFuture<Boolean> sender = CompletableFuture.supplyAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write((head + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(prefix);
                    sent.addAndGet(prefix.length);
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, filler);
                    long fill = length - prefix.length - suffix.length;
                    while (fill > 0) {
                        int n = (int) Math.min(chunk.length, fill);
                        out.write(chunk, 0, n);
                        sent.addAndGet(n);
                        fill -= n;
                    }
                    out.write(suffix);
                    sent.addAndGet(suffix.length);
                    out.flush();
                    return true;
                } catch (IOException closedByServer) {
                    return false;
                }
            });
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int first = in.read();
            sentWhenAnswered.set(sent.get());
            if (first >= 0) {
                answer.write(first);
                byte[] buf = new byte[8192];
                for (int n; (n = readQuietly(in, buf)) > 0; ) {
                    answer.write(buf, 0, n);
                }
            }
            boolean completed;
            try {
                completed = sender.get(60, TimeUnit.SECONDS);
            } finally {
                s.close();
            }
            return new Streamed(parse(answer.toByteArray()), sentWhenAnswered.get(), sent.get(), completed);
        }
    }

    /** A server that closes while the client still sends may reset the connection after its answer: the answer counts. */
    private static int readQuietly(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException reset) {
            return -1;
        }
    }

    private static Answer parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(raw, end + 4, raw.length);
        int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : 0;
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = {'\r', '\n'};
        int i = 0;
        while (i < body.length) {
            int eol = indexOf(body, crlf, i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            int from = eol + 2;
            int to = Math.min(body.length, from + size);
            out.write(body, from, to - from);
            i = to + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
