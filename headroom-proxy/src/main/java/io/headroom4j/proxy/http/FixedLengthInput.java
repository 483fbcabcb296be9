package io.headroom4j.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of a known length: ends after {@code length} bytes; a connection that ends sooner is an error. */
final class FixedLengthInput extends InputStream {

    private final HttpInput in;
    private long remaining;

    FixedLengthInput(HttpInput in, long length) {
        this.in = in;
        this.remaining = length;
    }

    /** True when every byte of the body has been read. */
    boolean finished() {
        return remaining == 0;
    }

    long remaining() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed with " + remaining + " body bytes missing");
        }
        remaining--;
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("connection closed with " + remaining + " body bytes missing");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, in.available());
    }
}
