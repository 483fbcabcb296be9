package io.headroom4j.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A chunked body ({@code Transfer-Encoding: chunked}, RFC 9112 section 7.1): the chunks' data, ending at the
 * last chunk; extensions are ignored, trailer fields read and dropped (bounded like the head).
 *
 * <p>A read returns at most the rest of the current chunk and never waits for the next one: a relay reading
 * it passes each chunk (each server-sent event) on as it arrives.
 */
final class ChunkedInput extends InputStream {

    private static final int MAX_SIZE_LINE = 4096;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;

    private final HttpInput in;
    private long left;          // data bytes left in the current chunk
    private boolean needCrlf;   // the CRLF after the current chunk's data is still unread
    private boolean done;

    ChunkedInput(HttpInput in) {
        this.in = in;
    }

    /** True when the last chunk and the trailer have been read. */
    boolean finished() {
        return done;
    }

    /** Reads the next chunk's size line (and the CRLF before it); false at the last chunk. */
    private boolean nextChunk() throws IOException {
        if (needCrlf) {
            String crlf = in.readLine(2);
            if (crlf == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (!crlf.isEmpty()) {
                throw new HttpException(400, "chunk data longer than its size");
            }
            needCrlf = false;
        }
        String line = in.readLine(MAX_SIZE_LINE);
        if (line == null) {
            throw new EOFException("connection closed inside a chunked body");
        }
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new HttpException(400, "bad chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                throw new HttpException(400, "bad chunk size");
            }
            size = size * 16 + d;
        }
        if (size == 0) {
            int trailer = 0;
            String t;
            while (!(t = in.readLine(MAX_TRAILER_BYTES)).isEmpty()) {
                trailer += t.length() + 2;
                if (trailer > MAX_TRAILER_BYTES) {
                    throw new HttpException(431, "trailer too large");
                }
            }
            done = true;
            return false;
        }
        left = size;
        needCrlf = true;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (left == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        left -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return done ? 0 : (int) Math.min(left, in.available());
    }
}
