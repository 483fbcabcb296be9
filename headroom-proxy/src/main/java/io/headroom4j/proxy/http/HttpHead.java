package io.headroom4j.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an HTTP/1.x message as read off the wire: the start line split in three and the header fields
 * in order, names as sent. Parsing is strict where leniency enables request smuggling (whitespace before a
 * colon, folded lines, conflicting lengths) and bounded in size.
 *
 * @param start   the start line's three parts (method, target, version; or version, status, reason)
 * @param names   header names as sent
 * @param values  header values, surrounding whitespace removed
 */
record HttpHead(String[] start, List<String> names, List<String> values) {

    /** Reads a head of at most {@code maxBytes}; null at a clean end of input before it starts. */
    static HttpHead read(HttpInput in, int maxBytes, boolean request) throws IOException {
        String line = in.readLine(maxBytes);
        // A server should ignore at least one empty line before a request line (RFC 9112 section 2.2).
        for (int skipped = 0; line != null && line.isEmpty() && skipped < 4; skipped++) {
            line = in.readLine(maxBytes);
        }
        if (line == null) {
            return null;
        }
        String[] start = request ? requestLine(line) : statusLine(line);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int total = line.length() + 2;
        while (true) {
            String h = in.readLine(maxBytes);
            if (h == null) {
                throw new EOFException("connection closed inside the head");
            }
            if (h.isEmpty()) {
                break;
            }
            total += h.length() + 2;
            if (total > maxBytes || names.size() >= 512) {
                throw new HttpException(431, "head larger than " + maxBytes + " bytes");
            }
            char c0 = h.charAt(0);
            if (c0 == ' ' || c0 == '\t') {
                throw new HttpException(400, "folded header line");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new HttpException(400, "header line without a name");
            }
            String name = h.substring(0, colon);
            if (!isToken(name)) {
                throw new HttpException(400, "bad header name");
            }
            names.add(name);
            values.add(h.substring(colon + 1).strip());
        }
        return new HttpHead(start, names, values);
    }

    private static String[] requestLine(String line) throws HttpException {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        if (a <= 0 || b < 0 || b == a + 1 || line.indexOf(' ', b + 1) >= 0) {
            throw new HttpException(400, "bad request line");
        }
        String method = line.substring(0, a);
        String version = line.substring(b + 1);
        if (!isToken(method)) {
            throw new HttpException(400, "bad method");
        }
        if (!version.startsWith("HTTP/") || version.length() != 8 || version.charAt(6) != '.') {
            throw new HttpException(400, "bad HTTP version");
        }
        if (version.charAt(5) != '1') {
            throw new HttpException(505, "HTTP version not supported");
        }
        return new String[] {method, line.substring(a + 1, b), version};
    }

    private static String[] statusLine(String line) throws HttpException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new HttpException(502, "bad status line");
        }
        String code = line.substring(9, 12);
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                throw new HttpException(502, "bad status code");
            }
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            throw new HttpException(502, "bad status line");
        }
        return new String[] {line.substring(0, 8), code, line.length() > 13 ? line.substring(13) : ""};
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The only value of header {@code name} (any case), null when absent. */
    String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** True when a comma-separated header {@code name} lists {@code token} (any case). */
    boolean lists(String name, String token) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                for (String part : values.get(i).split(",")) {
                    if (part.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * How the body is framed: -2 chunked, -1 no length given, else the Content-Length.
     *
     * @throws HttpException (status {@code bad}) for a transfer coding other than chunked, both framings at
     *                       once, or Content-Length values that are not one non-negative number
     */
    long bodyLength(int bad) throws HttpException {
        String te = null;
        String cl = null;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.equalsIgnoreCase("transfer-encoding")) {
                te = te == null ? values.get(i) : te + "," + values.get(i);
            } else if (n.equalsIgnoreCase("content-length")) {
                for (String part : values.get(i).split(",")) {
                    String v = part.strip();
                    if (cl != null && !cl.equals(v)) {
                        throw new HttpException(bad, "conflicting Content-Length");
                    }
                    cl = v;
                }
            }
        }
        if (te != null) {
            if (cl != null) {
                throw new HttpException(bad, "both Transfer-Encoding and Content-Length");
            }
            if (!te.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new HttpException(bad == 400 ? 501 : bad, "unsupported transfer coding " + te);
            }
            return -2;
        }
        if (cl == null) {
            return -1;
        }
        if (cl.isEmpty() || cl.length() > 18) {
            throw new HttpException(bad, "bad Content-Length");
        }
        for (int i = 0; i < cl.length(); i++) {
            if (!Character.isDigit(cl.charAt(i))) {
                throw new HttpException(bad, "bad Content-Length");
            }
        }
        return Long.parseLong(cl);
    }
}
