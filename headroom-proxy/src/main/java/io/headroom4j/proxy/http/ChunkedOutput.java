package io.headroom4j.proxy.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a chunked body: every write is one chunk (empty writes are skipped: an empty chunk ends the body),
 * {@link #flush} sends what was written, {@link #finish} writes the last chunk.
 */
final class ChunkedOutput extends OutputStream {

    private final OutputStream out;
    private boolean finished;

    ChunkedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the response body is complete");
        }
        if (len == 0) {
            return;
        }
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write('\r');
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the last chunk (no trailer) and flushes; later calls do nothing. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(new byte[] {'0', '\r', '\n', '\r', '\n'});
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
