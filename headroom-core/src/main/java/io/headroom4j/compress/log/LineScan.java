package io.headroom4j.compress.log;

import java.util.Arrays;

import io.headroom4j.internal.SideWork;

/**
 * The per-line work of {@code log.templates} before template mining, in one pass over each line: the line's
 * single-line verdict ({@link LineSignals#kindOf}) and, for a plain line, its masked form
 * ({@link DrainParser.Masker}). Each line is copied into a scratch array once, where before it was copied once
 * per scan.
 *
 * <p>The pass splits the lines in two halves by characters and runs them through {@link SideWork#both}: on two
 * threads when the caller lends a helper (the proxy does, with its waiting connection thread), else one after
 * the other. Each half keeps its masked forms deduplicated (a line whose masked form its half saw before points
 * at the earlier one), so a repetitive log leaves a small buffer and the sequential step after it,
 * {@link DrainParser#parse(LineScan, boolean[])}, looks each distinct form up once per half. The halves write
 * disjoint parts of the per-line arrays; nothing else is shared. The result is the same whatever ran where:
 * {@link LineSignals#neighbours} and template mining then run in line order on the calling thread.
 *
 * <p>Not thread-safe once built (read-only use is fine); one per compression call.
 */
final class LineScan {

    /** Texts shorter than this are scanned in one part: handing half to a helper would cost more than it saves. */
    static final int SPLIT_MIN_CHARS = 32 * 1024;

    /** Per line: {@link LineSignals#PLAIN}, {@link LineSignals#ERROR} or {@link LineSignals#FRAME}. */
    final byte[] kinds;
    private final int[] signature;
    private final int mid;
    private final Part[] parts;

    private LineScan(byte[] kinds, int[] signature, int mid, Part[] parts) {
        this.kinds = kinds;
        this.signature = signature;
        this.mid = mid;
        this.parts = parts;
    }

    /** Scans {@code lines}: single-line verdicts, neighbour frames ({@link LineSignals#neighbours}), masks. */
    static LineScan of(LogLines lines) {
        return of(lines, SPLIT_MIN_CHARS);
    }

    /** {@link #of(LogLines)} splitting texts of {@code splitMinChars} chars or more (tests split small ones). */
    static LineScan of(LogLines lines, int splitMinChars) {
        int n = lines.count();
        byte[] kinds = new byte[n];
        int[] signature = new int[n];
        String text = lines.text();
        LineScan scan;
        if (text.length() >= splitMinChars && n >= 2 && SideWork.hasHelper()) {
            int mid = firstLineFrom(lines, text.length() / 2);
            Part first = new Part(0, mid, text.length() / 2);
            Part second = new Part(mid, n, text.length() / 2);
            SideWork.both(() -> first.scan(lines, kinds, signature), () -> second.scan(lines, kinds, signature));
            scan = new LineScan(kinds, signature, mid, new Part[] {first, second});
        } else {
            Part all = new Part(0, n, text.length());
            all.scan(lines, kinds, signature);
            scan = new LineScan(kinds, signature, n, new Part[] {all});
        }
        LineSignals.neighbours(lines, kinds);
        return scan;
    }

    /** The first line that starts at or after char {@code at}, at least 1 and at most the line count - 1. */
    private static int firstLineFrom(LogLines lines, int at) {
        int lo = 1;
        int hi = lines.count() - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (lines.start(m) < at) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    int parts() {
        return parts.length;
    }

    int partOf(int line) {
        return line < mid ? 0 : 1;
    }

    /** The id, within its part, of line {@code line}'s masked form; only for lines plain by {@link #kinds} alone. */
    int signatureOf(int line) {
        return signature[line];
    }

    /** How many distinct masked forms part {@code part} holds. */
    int distinct(int part) {
        return parts[part].count;
    }

    char[] buffer(int part) {
        return parts[part].masker.sig;
    }

    int start(int part, int id) {
        return parts[part].starts[id];
    }

    int length(int part, int id) {
        return parts[part].lengths[id];
    }

    int tokens(int part, int id) {
        return parts[part].tokens[id];
    }

    int hash(int part, int id) {
        return parts[part].hashes[id];
    }

    /** Lines {@code [from, to)}: their verdicts, and the distinct masked forms of the plain ones. */
    private static final class Part {
        final int from;
        final int to;
        final DrainParser.Masker masker;
        int count;
        int[] starts = new int[64];
        int[] lengths = new int[64];
        int[] tokens = new int[64];
        int[] hashes = new int[64];
        /** Open addressing over the distinct forms: id + 1, or 0 for an empty slot. */
        int[] table = new int[256];

        Part(int from, int to, int chars) {
            this.from = from;
            this.to = to;
            this.masker = new DrainParser.Masker(Math.min(chars, 4096));
        }

        void scan(LogLines lines, byte[] kinds, int[] signature) {
            String text = lines.text();
            char[] buf = new char[256];
            DrainParser.Masker m = masker;
            int last = -1;
            for (int i = from; i < to; i++) {
                int s = lines.start(i);
                int len = lines.end(i) - s;
                if (len > buf.length) {
                    buf = new char[Math.max(len, buf.length * 2)];
                }
                text.getChars(s, s + len, buf, 0);
                byte kind = LineSignals.kindOf(buf, len);
                kinds[i] = kind;
                if (kind != LineSignals.PLAIN) {
                    continue;
                }
                // As DrainParser.parse(LogLines, ...): mined from after the last carriage return with text after it.
                int ms = 0;
                // The intrinsic String.indexOf keeps lines without '\r', nearly all of them, to one vectorised pass.
                if (len > 1 && text.indexOf('\r', s, s + len - 1) >= 0) {
                    for (int q = len - 2; q >= 0; q--) {
                        if (buf[q] == '\r') {
                            ms = q + 1;
                            break;
                        }
                    }
                }
                int base = m.length;
                int tokenCount = m.mask(buf, ms, len);
                int sigLength = m.length - base;
                // Neighbouring lines often share their masked form: one vectorised compare then spares the hash
                // and the table probe. (Equal forms have equal token counts: tokens are what spaces separate.)
                if (last >= 0 && lengths[last] == sigLength
                        && Arrays.equals(m.sig, starts[last], starts[last] + sigLength, m.sig, base, base + sigLength)) {
                    m.length = base;
                    signature[i] = last;
                    continue;
                }
                int hash = DrainParser.SignatureCache.hash(m.sig, base, sigLength);
                last = intern(base, sigLength, tokenCount, hash);
                signature[i] = last;
            }
        }

        /** The id of the form just masked at {@code sig[base, base + len)}; drops it again when seen before. */
        private int intern(int base, int len, int tokenCount, int hash) {
            char[] sig = masker.sig;
            int mask = table.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (int e = table[slot]; e != 0; e = table[slot]) {
                int id = e - 1;
                if (hashes[id] == hash && lengths[id] == len
                        && Arrays.equals(sig, starts[id], starts[id] + len, sig, base, base + len)) {
                    masker.length = base;
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            int id = count++;
            if (id == starts.length) {
                int cap = id * 2;
                starts = Arrays.copyOf(starts, cap);
                lengths = Arrays.copyOf(lengths, cap);
                tokens = Arrays.copyOf(tokens, cap);
                hashes = Arrays.copyOf(hashes, cap);
            }
            starts[id] = base;
            lengths[id] = len;
            tokens[id] = tokenCount;
            hashes[id] = hash;
            table[slot] = id + 1;
            if (count * 2 > table.length) {
                grow();
            }
            return id;
        }

        private void grow() {
            int[] bigger = new int[table.length * 2];
            int mask = bigger.length - 1;
            for (int id = 0; id < count; id++) {
                int slot = (hashes[id] ^ (hashes[id] >>> 16)) & mask;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                bigger[slot] = id + 1;
            }
            table = bigger;
        }
    }
}
