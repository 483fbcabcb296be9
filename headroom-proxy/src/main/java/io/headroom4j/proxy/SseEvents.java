package io.headroom4j.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a stream of server-sent-event bytes into whole events, however the bytes were chunked. An event
 * ends at a blank line ({@code \n\n} or {@code \r\n\r\n}); text is decoded only per whole event, so a UTF-8
 * character split across reads is never mangled. Not thread-safe: one instance per stream.
 */
final class SseEvents {

    /** Events larger than this are passed on without being parsed, so a bad stream cannot exhaust memory. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean overflowed;

    /** One whole event: its raw bytes (terminator included), its {@code event:} name and joined {@code data:}. */
    record Event(byte[] raw, String name, String data) {
    }

    /** Feeds bytes; returns the events they complete, in order. */
    List<Event> feed(byte[] buf, int off, int len) {
        List<byte[]> raw = feedRaw(buf, off, len);
        List<Event> out = new ArrayList<>(raw.size());
        for (byte[] r : raw) {
            out.add(parse(r));
        }
        return out;
    }

    /**
     * Feeds bytes; returns the raw bytes (terminator included) of the events they complete, in order, without
     * decoding them: for a reader that looks into only a few events, such as the one carrying usage.
     */
    List<byte[]> feedRaw(byte[] buf, int off, int len) {
        List<byte[]> out = new ArrayList<>(2);
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            // An event ends at "\n\n" or "\r\n\r\n"; look back across the chunk boundary through pending.
            if (endsEvent(buf, start, i)) {
                if (pending.size() == 0) {
                    out.add(Arrays.copyOfRange(buf, start, i + 1));
                } else {
                    pending.write(buf, start, i + 1 - start);
                    out.add(pending.toByteArray());
                    pending.reset();
                }
                overflowed = false;
                start = i + 1;
            }
        }
        if (start < end) {
            if (pending.size() + (end - start) > MAX_EVENT_BYTES) {
                overflowed = true;
                pending.reset();
            } else if (!overflowed) {
                pending.write(buf, start, end - start);
            }
        }
        return out;
    }

    /** True when {@code needle} occurs in {@code haystack}. */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Bytes of an unfinished event at the end of the stream (empty when the stream ended cleanly). */
    byte[] remainder() {
        return pending.toByteArray();
    }

    private boolean endsEvent(byte[] buf, int start, int nl) {
        // previous byte (either in buf since start, or the last pending byte)
        int prev = byteBefore(buf, start, nl, 1);
        if (prev == '\n') {
            return true;
        }
        if (prev == '\r') {
            return byteBefore(buf, start, nl, 2) == '\n';
        }
        return false;
    }

    private int byteBefore(byte[] buf, int start, int pos, int back) {
        int idx = pos - back;
        if (idx >= start) {
            return buf[idx];
        }
        byte[] p = pending.toByteArray();
        int pi = p.length - (start - idx);
        return pi >= 0 ? p[pi] : -1;
    }

    static Event parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        String name = null;
        StringBuilder data = null;
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                nl = text.length();
            }
            String line = text.substring(i, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                if (d.startsWith(" ")) {
                    d = d.substring(1);
                }
                if (data == null) {
                    data = new StringBuilder(d);
                } else {
                    data.append('\n').append(d);
                }
            }
            i = nl + 1;
        }
        return new Event(raw, name, data == null ? null : data.toString());
    }
}
