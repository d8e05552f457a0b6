package org.ratepayer.bif;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it: LF ends a line, a CR before it is dropped,
 * a leading UTF-8 BOM is skipped. Working on bytes is safe because '\n', '\r' and '|' never occur
 * inside a multi-byte UTF-8 sequence, and it lets the reader decode each field once, straight into
 * a String, and report bad UTF-8 by line and field.
 *
 * <p>Memory stays at one fixed buffer: a line longer than {@link #MAX_LINE_BYTES} is skipped
 * (only its first bytes are kept, so its row type can still be told) and flagged {@link #tooLong()}.
 */
final class LineReader {

    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int KEPT_OF_LONG_LINE = 8;

    private final InputStream in;
    private final byte[] buf = new byte[4 * MAX_LINE_BYTES];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    private long lineNumber;
    private int start;
    private int end;
    private boolean tooLong;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        int scanned = pos;
        while (true) {
            int newline = indexOfNewline(scanned, limit);
            if (newline >= 0) {
                return emit(pos, newline, newline + 1);
            }
            scanned = limit;
            if (limit - pos > MAX_LINE_BYTES + 1) {
                return skipLongLine();
            }
            if (eof) {
                return pos < limit && emit(pos, limit, limit);
            }
            if (limit == buf.length) {
                scanned -= pos;
                compact();
            }
            readMore();
        }
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    /** The end of the current line, excluding its CR/LF. */
    int end() {
        return end;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Whether the current line exceeded {@link #MAX_LINE_BYTES}; then only its first bytes are present. */
    boolean tooLong() {
        return tooLong;
    }

    private boolean emit(int from, int to, int next) {
        lineNumber++;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        start = from;
        end = to;
        pos = next;
        tooLong = to - from > MAX_LINE_BYTES;
        return true;
    }

    private boolean skipLongLine() throws IOException {
        lineNumber++;
        System.arraycopy(buf, pos, buf, 0, KEPT_OF_LONG_LINE);
        start = 0;
        end = KEPT_OF_LONG_LINE;
        tooLong = true;
        while (true) {
            limit = KEPT_OF_LONG_LINE;
            pos = limit;
            readMore();
            if (eof) {
                return true;
            }
            int newline = indexOfNewline(KEPT_OF_LONG_LINE, limit);
            if (newline >= 0) {
                pos = newline + 1;
                return true;
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void compact() {
        int length = limit - pos;
        System.arraycopy(buf, pos, buf, 0, length);
        pos = 0;
        limit = length;
    }

    private void readMore() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void skipByteOrderMark() throws IOException {
        while (!eof && limit < 3) {
            readMore();
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }
}
