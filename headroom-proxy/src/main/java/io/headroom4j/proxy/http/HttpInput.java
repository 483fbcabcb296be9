package io.headroom4j.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered input of one HTTP/1.1 connection: lines for the head, bytes for the body, without locks.
 *
 * <p>Not thread-safe: a connection is read by one thread at a time.
 */
final class HttpInput extends InputStream {

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long consumed;

    HttpInput(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** Bytes handed out so far (lines and body), to tell "nothing arrived yet" from a failure part-way. */
    long consumed() {
        return consumed;
    }

    /** Bytes already buffered and not yet read. */
    int buffered() {
        return lim - pos;
    }

    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        consumed++;
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == lim && len >= buf.length) {
            // A large read with nothing buffered goes straight to the socket: no copy.
            int n = in.read(b, off, len);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        consumed += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return lim - pos > 0 ? lim - pos : in.available();
    }

    /**
     * One line without its CRLF (a bare LF ends a line too), as ISO-8859-1 text; null at a clean end of input
     * before any byte of the line.
     *
     * @throws HttpException 431/400 when the line is longer than {@code max} bytes or holds a bare CR or NUL
     * @throws EOFException  when the input ends inside the line
     */
    String readLine(int max) throws IOException {
        int start = pos;
        // Fast path: the whole line is already buffered.
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                if (end - start > max) {
                    throw new HttpException(431, "header line too long");
                }
                String line = ascii(buf, start, end);
                consumed += i + 1 - pos;
                pos = i + 1;
                return line;
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        while (true) {
            int c = read();
            if (c < 0) {
                if (!any) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            any = true;
            if (c == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                checkLine(sb);
                return sb.toString();
            }
            if (sb.length() >= max + 1) {
                throw new HttpException(431, "header line too long");
            }
            sb.append((char) c);
        }
    }

    private static String ascii(byte[] b, int from, int to) throws HttpException {
        for (int i = from; i < to; i++) {
            if (b[i] == '\r' || b[i] == 0) {
                throw new HttpException(400, "bare CR or NUL in the head");
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static void checkLine(CharSequence s) throws HttpException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == 0) {
                throw new HttpException(400, "bare CR or NUL in the head");
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
