package io.headroom4j.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.net.ssl.SSLSession;

/**
 * A plain-HTTP/1.1 client that writes the request and reads the response on the caller's thread, over
 * pooled keep-alive connections: no selector thread and no hand-off between threads (the JDK's
 * {@link HttpClient} costs one or two thread wake-ups per response, 0.5-0.9 ms each on a small VM).
 *
 * <p>The response's body is read as the caller reads it, chunk by chunk, so a stream is relayed as it
 * arrives. Reading the body to its end returns the connection to the pool; closing the body before its end
 * closes the connection, which is how a caller cancels the call (the server sees the connection go). A
 * connection is taken from the pool only if the server has not closed it meanwhile (checked without
 * blocking); one that still fails before a single byte of the response arrived is retried once on a new
 * connection (the server closed an idle connection as the request went out: it never saw the request).
 * Only {@code http://}; no proxies, redirects or TLS. Thread-safe.
 */
public final class BlockingHttpClient implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 256 * 1024;

    private final Duration connectTimeout;
    private final int maxIdlePerHost;
    private final long idleNanos;
    private final Map<String, ConcurrentLinkedDeque<Conn>> pool = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A client.
     *
     * @param connectTimeout  longest wait for a TCP connection
     * @param maxIdlePerHost  idle connections kept per host and port
     * @param idle            how long an idle connection is kept
     */
    public BlockingHttpClient(Duration connectTimeout, int maxIdlePerHost, Duration idle) {
        this.connectTimeout = connectTimeout;
        this.maxIdlePerHost = maxIdlePerHost;
        this.idleNanos = idle.toNanos();
    }

    /**
     * Sends {@code request} (its URI, method and headers; no body publisher is read) with {@code body}
     * (null: no body and no {@code Content-Length}) and returns once the response's head has arrived.
     *
     * @throws IOException when the server cannot be reached or answers with something that is not HTTP/1.x
     */
    public HttpResponse<InputStream> send(HttpRequest request, byte[] body) throws IOException {
        return send(request, body, null);
    }

    /**
     * Like {@link #send(HttpRequest, byte[])}, running {@code afterWrite} (once; may be null) as soon as the
     * request has been written, before waiting for the response: work that should not compete with sending
     * the request, but should overlap the server's think time.
     */
    public HttpResponse<InputStream> send(HttpRequest request, byte[] body, Runnable afterWrite)
            throws IOException {
        URI uri = request.uri();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("only http:// URIs: " + uri);
        }
        if (closed) {
            throw new IOException("client closed");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String authority = uri.getHost() + ":" + port;
        byte[] head = head(request, uri, body);
        for (int attempt = 0; ; attempt++) {
            Conn c = attempt == 0 ? pooled(authority) : null;
            boolean reused = c != null;
            if (c == null) {
                c = connect(uri.getHost(), port, authority);
            }
            try {
                c.write(head, body);
                if (afterWrite != null) {
                    Runnable r = afterWrite;
                    afterWrite = null;
                    r.run();
                }
                return c.readResponse(request, this);
            } catch (IOException e) {
                c.close();
                if (reused && c.in.consumed() == c.consumedAtStart && !(e instanceof HttpException)) {
                    continue;   // a stale pooled connection: nothing of the response arrived, try a new one
                }
                throw e;
            }
        }
    }

    private static byte[] head(HttpRequest request, URI uri, byte[] body) {
        StringBuilder sb = new StringBuilder(512);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        sb.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            sb.append(':').append(uri.getPort());
        }
        sb.append("\r\n");
        for (Map.Entry<String, List<String>> e : request.headers().map().entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-length") || lower.equals("transfer-encoding")
                    || lower.equals("connection")) {
                continue;
            }
            for (String v : e.getValue()) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("header value with a line break: " + e.getKey());
                }
                sb.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Conn pooled(String authority) {
        ConcurrentLinkedDeque<Conn> idle = pool.get(authority);
        if (idle == null) {
            return null;
        }
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            if (System.nanoTime() - c.idleSince < idleNanos && c.alive()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private Conn connect(String host, int port, String authority) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            ch.socket().connect(new InetSocketAddress(h, port), (int) Math.min(Integer.MAX_VALUE,
                    connectTimeout.toMillis()));
            ch.socket().setTcpNoDelay(true);
            return new Conn(ch, authority);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    void release(Conn c) {
        if (closed) {
            c.close();
            return;
        }
        ConcurrentLinkedDeque<Conn> idle = pool.computeIfAbsent(c.authority, k -> new ConcurrentLinkedDeque<>());
        if (idle.size() >= maxIdlePerHost) {
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        idle.addFirst(c);   // most recently used first: its TCP state and the server's thread are warm
    }

    /** Closes every idle connection; responses still being read keep theirs until they end. */
    @Override
    public void close() {
        closed = true;
        pool.values().forEach(q -> {
            Conn c;
            while ((c = q.pollFirst()) != null) {
                c.close();
            }
        });
    }

    /** One connection: a blocking socket channel with its buffered input. */
    static final class Conn {
        final SocketChannel ch;
        final String authority;
        final HttpInput in;
        final OutputStream out;
        long idleSince;
        long consumedAtStart;

        Conn(SocketChannel ch, String authority) throws IOException {
            this.ch = ch;
            this.authority = authority;
            this.in = new HttpInput(ch.socket().getInputStream(), 16 * 1024);
            this.out = ch.socket().getOutputStream();
        }

        /** False when the server closed the connection, or sent something unasked, while it sat in the pool. */
        boolean alive() {
            if (in.buffered() > 0) {
                return false;
            }
            try {
                ch.configureBlocking(false);
                try {
                    return ch.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    ch.configureBlocking(true);
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        void write(byte[] head, byte[] body) throws IOException {
            consumedAtStart = in.consumed();
            if (body != null && body.length > 0 && head.length + body.length <= 64 * 1024) {
                // One write, one packet for a small request.
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
            } else {
                out.write(head);
                if (body != null && body.length > 0) {
                    out.write(body);
                }
            }
            out.flush();
        }

        HttpResponse<InputStream> readResponse(HttpRequest request, BlockingHttpClient client) throws IOException {
            HttpHead h;
            int status;
            do {
                h = HttpHead.read(in, MAX_HEAD_BYTES, false);
                if (h == null) {
                    throw new EOFException("the server closed the connection before answering");
                }
                status = Integer.parseInt(h.start()[1]);
                if (status == 101) {
                    throw new HttpException(502, "the server switched protocols");
                }
            } while (status >= 100 && status < 200);   // interim responses (100 Continue, 103) are skipped
            boolean http11 = h.start()[0].equals("HTTP/1.1");
            boolean keepAlive = http11 ? !h.lists("connection", "close") : h.lists("connection", "keep-alive");
            boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304;
            long length = noBody ? 0 : h.bodyLength(502);
            InputStream framed;
            if (length == -2) {
                framed = new ChunkedInput(in);
            } else if (length >= 0) {
                framed = new FixedLengthInput(in, length);
            } else {
                framed = in;          // to the end of the connection
                keepAlive = false;
            }
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < h.names().size(); i++) {
                map.computeIfAbsent(h.names().get(i), k -> new ArrayList<>()).add(h.values().get(i));
            }
            HttpHeaders headers = HttpHeaders.of(map, (a, b) -> true);
            Body body = new Body(this, client, framed, keepAlive);
            if (noBody || length == 0) {
                body.ended();
            }
            return new Response(status, headers, body, request, http11);
        }

        void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    /**
     * A response body: the framed stream of its connection. Its end gives the connection back to the pool;
     * closing it earlier closes the connection.
     */
    static final class Body extends InputStream {
        private final Conn conn;
        private final BlockingHttpClient client;
        private final InputStream framed;
        private final boolean keepAlive;
        private boolean done;

        Body(Conn conn, BlockingHttpClient client, InputStream framed, boolean keepAlive) {
            this.conn = conn;
            this.client = client;
            this.framed = framed;
            this.keepAlive = keepAlive;
        }

        void ended() {
            if (!done) {
                done = true;
                if (keepAlive) {
                    client.release(conn);
                } else {
                    conn.close();
                }
            }
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
            int n;
            try {
                n = framed.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                done = true;
                conn.close();
                throw e;
            }
            if (n < 0) {
                ended();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return done ? 0 : framed.available();
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                conn.close();   // cancels the call: the server sees the connection go
            }
        }
    }

    /** The response as a {@link HttpResponse}, so callers of the JDK client need not change. */
    record Response(int statusCode, HttpHeaders headers, InputStream body, HttpRequest request, boolean http11)
            implements HttpResponse<InputStream> {

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
