package io.headroom4j.proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * One request and its response on a {@link BlockingHttpServer} connection, with the JDK's {@link HttpExchange}
 * semantics: {@code sendResponseHeaders(code, n)} with n &gt; 0 a body of n bytes, 0 a chunked body, -1 none;
 * {@link #close} completes the response. Used by one thread at a time.
 */
final class BlockingExchange extends HttpExchange {

    /** A request body left unread up to this size is skipped to keep the connection; a larger one closes it. */
    private static final int SKIP_UNREAD_BYTES = 64 * 1024;
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static volatile String cachedDate = "";
    private static volatile long cachedSecond = -1;

    private final BlockingHttpServer.Connection connection;
    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream framedBody;
    private final RequestBody requestBody;
    private final ResponseBody responseBody = new ResponseBody();
    private final OutputStream out;
    private final boolean head;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final boolean expectContinue;
    private boolean keepAlive;
    private boolean continueSent;
    private int responseCode = -1;
    private OutputStream body;          // the framed response body once the headers are sent
    private long fixedLeft = -1;        // bytes still owed of a fixed-length response
    private boolean closed;
    private boolean broken;             // the response cannot be completed cleanly: close the connection
    private BlockingHttpServer.Context context;

    private BlockingExchange(BlockingHttpServer.Connection connection, String method, URI uri, String protocol,
                             InputStream framedBody, OutputStream out, boolean keepAlive, boolean expectContinue) {
        this.connection = connection;
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.framedBody = framedBody;
        this.requestBody = new RequestBody();
        this.out = out;
        this.head = method.equals("HEAD");
        this.keepAlive = keepAlive;
        this.expectContinue = expectContinue;
    }

    static BlockingExchange of(BlockingHttpServer.Connection c, HttpHead h, HttpInput in, OutputStream out)
            throws HttpException {
        String method = h.start()[0];
        String target = h.start()[1];
        String version = h.start()[2];
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new HttpException(400, "bad request target");
        }
        if (uri.getRawPath() == null || (!uri.isAbsolute() && !target.startsWith("/") && !target.equals("*"))) {
            throw new HttpException(400, "bad request target");
        }
        long length = h.bodyLength(400);
        boolean http11 = version.equals("HTTP/1.1");
        if (http11 && h.first("host") == null) {
            throw new HttpException(400, "HTTP/1.1 request without Host");
        }
        boolean keepAlive = http11 ? !h.lists("connection", "close") : h.lists("connection", "keep-alive");
        String expect = http11 ? h.first("expect") : null;
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpException(417, "unsupported expectation");
        }
        InputStream body = length == -2 ? new ChunkedInput(in) : new FixedLengthInput(in, Math.max(0, length));
        BlockingExchange ex = new BlockingExchange(c, method, uri, version, body, out, keepAlive,
                expect != null && length != 0);
        for (int i = 0; i < h.names().size(); i++) {
            ex.requestHeaders.add(h.names().get(i), h.values().get(i));
        }
        return ex;
    }

    /** Runs the handler and completes the response; true when the connection can serve another request. */
    boolean run() {
        BlockingHttpServer.Context ctx = connection.server().contextFor(uri.getRawPath());
        HttpHandler handler = ctx == null ? null : ctx.getHandler();
        context = ctx;
        try {
            if (handler == null) {
                byte[] b = "no context\n".getBytes(StandardCharsets.UTF_8);
                sendResponseHeaders(404, b.length);
                responseBody.write(b);
            } else {
                handler.handle(this);
            }
        } catch (Throwable e) {
            // As the JDK server does: a handler that throws loses its connection. Before any response byte the
            // client gets a 500; after, a broken response (never a clean but truncated one).
            if (responseCode == -1) {
                try {
                    BlockingHttpServer.Connection.answerAndClose(out, 500, "internal error");
                } catch (RuntimeException ignored) {
                    // closing below either way
                }
            } else {
                try {
                    out.flush();
                } catch (IOException ignored) {
                    // the client is gone
                }
            }
            return false;
        }
        close();
        if (broken || !keepAlive) {
            if (!broken && !bodyFinished()) {
                lingerClose();
            }
            return false;
        }
        if (!skipUnreadBody()) {
            lingerClose();
            return false;
        }
        return true;
    }

    /**
     * Before closing a connection whose request body was not read (a 413, say): stops sending and reads on
     * for a moment, so the client's unsent body does not make the kernel reset the connection before the
     * client has read the response.
     */
    private void lingerClose() {
        try {
            connection.socket().shutdownOutput();
            connection.socket().setSoTimeout(1000);
            byte[] sink = new byte[8192];
            long read = 0;
            long end = System.nanoTime() + 2_000_000_000L;
            int n;
            while (read < 4 * 1024 * 1024 && System.nanoTime() < end
                    && (n = connection.socket().getInputStream().read(sink)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private boolean skipUnreadBody() {
        try {
            long skipped = 0;
            byte[] sink = new byte[8192];
            int n;
            while ((n = framedBody.read(sink, 0, sink.length)) >= 0) {
                skipped += n;
                if (skipped > SKIP_UNREAD_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean bodyFinished() {
        return framedBody instanceof FixedLengthInput f ? f.finished() : ((ChunkedInput) framedBody).finished();
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode != -1) {
            throw new IOException("headers already sent");
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("bad status " + code);
        }
        responseCode = code;
        boolean noBody = head || code < 200 || code == 204 || code == 304;
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        if (!responseHeaders.containsKey("Date")) {
            sb.append("Date: ").append(date()).append("\r\n");
        }
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                continue;   // framing is this server's job
            }
            if (lower.equals("connection")) {
                for (String v : e.getValue()) {
                    if (v.toLowerCase(Locale.ROOT).contains("close")) {
                        keepAlive = false;
                    }
                }
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(name).append(": ").append(v).append("\r\n");
            }
        }
        if (noBody) {
            if (head && length > 0) {
                sb.append("Content-Length: ").append(length).append("\r\n");
            }
            body = OutputStream.nullOutputStream();
            fixedLeft = 0;
        } else if (length > 0) {
            sb.append("Content-Length: ").append(length).append("\r\n");
            body = out;
            fixedLeft = length;
        } else if (length == 0) {
            if (protocol.equals("HTTP/1.1")) {
                sb.append("Transfer-Encoding: chunked\r\n");
                body = new ChunkedOutput(out);
            } else {
                keepAlive = false;   // an HTTP/1.0 client reads to the end of the connection
                body = out;
            }
        } else {
            sb.append("Content-Length: 0\r\n");
            body = OutputStream.nullOutputStream();
            fixedLeft = 0;
        }
        if (keepAlive && !bodyFinished() && expectContinue && !continueSent) {
            keepAlive = false;   // the client was never told to send its body: it must not be read as a request
        }
        if (keepAlive && framedBody instanceof FixedLengthInput f && f.remaining() > SKIP_UNREAD_BYTES) {
            keepAlive = false;   // a large body left unread (a 413): not worth reading through to keep the connection
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        } else if (!protocol.equals("HTTP/1.1")) {
            sb.append("Connection: keep-alive\r\n");
        }
        sb.append("\r\n");
        // The head waits in the buffer for the first flush, so it and the first bytes of the body usually
        // leave in one packet; a response without a body is flushed by close().
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != cachedSecond) {
            cachedDate = DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            cachedSecond = second;
        }
        return cachedDate;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) connection.socket().getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) connection.socket().getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    /** Not supported: filters are not run by this server. */
    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException("setStreams");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** Completes the response (the last chunk, a flush); a response left incomplete closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (responseCode == -1) {
                broken = true;   // no response at all: the connection cannot go on
                return;
            }
            if (fixedLeft > 0) {
                broken = true;   // fewer bytes than announced
            }
            if (body instanceof ChunkedOutput c) {
                c.finish();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    static String reason(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 499 -> "Client Closed Request";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 529 -> "Site Overloaded";
            default -> "Status";
        };
    }

    /** The request body; the first read sends {@code 100 Continue} when the client asked for it. */
    private final class RequestBody extends InputStream {
        private void maybeContinue() throws IOException {
            if (expectContinue && !continueSent && responseCode == -1) {
                continueSent = true;
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        @Override
        public int read() throws IOException {
            maybeContinue();
            return framedBody.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            maybeContinue();
            return framedBody.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return framedBody.available();
        }

        @Override
        public void close() {
            // The rest of the body is skipped (or the connection closed) when the exchange ends.
        }
    }

    /** The response body as the handler sees it: framed by the headers sent, flushed on request. */
    private final class ResponseBody extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (body == null) {
                throw new IOException("sendResponseHeaders() was not called");
            }
            if (closed) {
                throw new IOException("the exchange is closed");
            }
            if (fixedLeft >= 0) {
                if (len > fixedLeft) {
                    broken = true;
                    throw new IOException("more bytes than the Content-Length sent");
                }
                fixedLeft -= len;
            }
            body.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (body != null && !closed) {
                out.flush();
            }
        }

        @Override
        public void close() {
            BlockingExchange.this.close();
        }
    }
}
