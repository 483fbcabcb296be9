package io.headroom4j.proxy.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A blocking HTTP/1.1 server behind the JDK's {@link HttpServer} API: each connection is served start to end
 * by one thread of its own, which reads a request, runs the handler and writes the response, with no hand-off
 * between a dispatcher and an executor (each of which costs a thread wake-up, 0.7-0.9 ms on a small VM).
 *
 * <p>What it speaks: HTTP/1.0 and 1.1, keep-alive and pipelined requests (answered in order), request bodies
 * with {@code Content-Length} or chunked, {@code Expect: 100-continue} (the interim response goes out when the
 * handler first reads the body, so a request refused unread is never asked for its body), responses of fixed
 * length, chunked (each flush sends what was written) or without a body, {@code HEAD}. A malformed head gets
 * 400 (431 too large, 501 unknown transfer coding, 505 other HTTP versions) and the connection closes. A
 * handler that throws, or leaves a fixed-length body short, has its connection closed (the client sees a
 * broken response, not a clean but truncated one). A request body the handler did not read is skipped when
 * short, else the connection closes after the response ({@code Connection: close} says so when known).
 *
 * <p>Limits: the head (request line and fields) at most {@link Limits#maxHeadBytes}; at most
 * {@link Limits#maxConnections} open connections (beyond: 503 and close); an idle keep-alive connection, or a
 * head that takes longer than {@link Limits#idleMillis}, is closed; a body read waiting longer than
 * {@link Limits#bodyReadMillis} fails. The handler's {@link #setExecutor executor} is not used: the
 * connection's own thread runs it ({@link Limits#virtualThreads} picks virtual or platform threads).
 */
public final class BlockingHttpServer extends HttpServer {

    /**
     * The server's limits and thread kind.
     *
     * @param maxHeadBytes    largest request head, request line and header fields together
     * @param maxConnections  most connections open at once
     * @param idleMillis      longest wait for a request's head on an open connection
     * @param bodyReadMillis  longest wait for the next bytes of a request body
     * @param virtualThreads  true: one virtual thread per connection; false: one platform thread
     */
    public record Limits(int maxHeadBytes, int maxConnections, int idleMillis, int bodyReadMillis,
                         boolean virtualThreads) {

        /** 64 KiB heads, 4,096 connections, 60 s idle, 300 s per body read, platform threads. */
        public static Limits defaults() {
            return new Limits(64 * 1024, 4096, 60_000, 300_000, false);
        }
    }

    private final Limits limits;
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Connections in the middle of a request: {@link #stop} waits for these, not for idle ones. */
    private final Set<Socket> busy = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final ThreadFactory threads;
    private ServerSocket socket;
    private Thread acceptor;
    private Executor executor;
    private volatile boolean stopping;

    private BlockingHttpServer(Limits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConnections());
        this.threads = limits.virtualThreads() ? Thread.ofVirtual().name("headroom-http-", 1).factory()
                : Thread.ofPlatform().name("headroom-http-", 1).daemon(true).factory();
    }

    /** A server bound to {@code address} (port 0 picks one) with a listen backlog; start it with {@link #start}. */
    public static BlockingHttpServer create(InetSocketAddress address, int backlog, Limits limits) throws IOException {
        BlockingHttpServer s = new BlockingHttpServer(limits);
        s.bind(address, backlog);
        return s;
    }

    @Override
    public void bind(InetSocketAddress addr, int backlog) throws IOException {
        if (socket != null) {
            throw new java.net.BindException("already bound");
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(addr, backlog <= 0 ? 1024 : backlog);
        socket = ss;
    }

    @Override
    public synchronized void start() {
        if (socket == null) {
            throw new IllegalStateException("not bound");
        }
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        acceptor = Thread.ofPlatform().name("headroom-http-accept").daemon(true).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (stopping || socket.isClosed()) {
                    return;
                }
                continue;   // e.g. too many open files: try again
            }
            if (!slots.tryAcquire()) {
                refuse(s);
                continue;
            }
            open.add(s);
            try {
                threads.newThread(() -> {
                    try {
                        new Connection(this, s, limits).serve();
                    } finally {
                        open.remove(s);
                        slots.release();
                    }
                }).start();
            } catch (RuntimeException | OutOfMemoryError e) {
                open.remove(s);
                slots.release();
                closeQuietly(s);
            }
        }
    }

    private static void refuse(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // nothing to do: the connection is closed either way
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The handler for {@code path}: the context with the longest matching prefix, or null. */
    Context contextFor(String path) {
        Context best = null;
        for (Context c : contexts) {
            if (path.startsWith(c.getPath()) && (best == null || c.getPath().length() > best.getPath().length())) {
                best = c;
            }
        }
        return best;
    }

    boolean stopping() {
        return stopping;
    }

    @Override
    public void setExecutor(Executor executor) {
        this.executor = executor;   // kept for getExecutor(); handlers run on the connection's own thread
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }

    /**
     * Stops accepting, waits up to {@code delay} seconds for connections busy with a request, then closes every
     * connection.
     */
    @Override
    public void stop(int delay) {
        if (socket == null) {
            throw new IllegalStateException("not bound");
        }
        stopping = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        long end = System.nanoTime() + Math.max(0, delay) * 1_000_000_000L;
        while (!busy.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        open.forEach(BlockingHttpServer::closeQuietly);
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        Context c = createContext(path);
        c.setHandler(handler);
        return c;
    }

    @Override
    public Context createContext(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a context path starts with /");
        }
        for (Context c : contexts) {
            if (c.getPath().equals(path)) {
                throw new IllegalArgumentException("context already exists: " + path);
            }
        }
        Context c = new Context(this, path);
        contexts.add(c);
        return c;
    }

    @Override
    public void removeContext(String path) {
        if (!contexts.removeIf(c -> c.getPath().equals(path))) {
            throw new IllegalArgumentException("no context " + path);
        }
    }

    @Override
    public void removeContext(HttpContext context) {
        if (!contexts.remove(context)) {
            throw new IllegalArgumentException("not a context of this server");
        }
    }

    @Override
    public InetSocketAddress getAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** One handler registered for a path prefix. */
    static final class Context extends HttpContext {
        private final BlockingHttpServer server;
        private final String path;
        private final java.util.Map<String, Object> attributes = new ConcurrentHashMap<>();
        private final List<com.sun.net.httpserver.Filter> filters = new CopyOnWriteArrayList<>();
        private volatile HttpHandler handler;
        private volatile com.sun.net.httpserver.Authenticator authenticator;

        Context(BlockingHttpServer server, String path) {
            this.server = server;
            this.path = path;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public HttpServer getServer() {
            return server;
        }

        @Override
        public java.util.Map<String, Object> getAttributes() {
            return attributes;
        }

        /** Filters are not run by this server; the list exists for the API's sake. */
        @Override
        public List<com.sun.net.httpserver.Filter> getFilters() {
            return filters;
        }

        @Override
        public com.sun.net.httpserver.Authenticator setAuthenticator(com.sun.net.httpserver.Authenticator auth) {
            com.sun.net.httpserver.Authenticator old = authenticator;
            authenticator = auth;
            return old;
        }

        @Override
        public com.sun.net.httpserver.Authenticator getAuthenticator() {
            return authenticator;
        }
    }

    /** One client connection: requests read and answered in turn on the calling thread. */
    static final class Connection {
        private final BlockingHttpServer server;
        private final Socket socket;
        private final Limits limits;

        Connection(BlockingHttpServer server, Socket socket, Limits limits) {
            this.server = server;
            this.socket = socket;
            this.limits = limits;
        }

        void serve() {
            try (socket) {
                socket.setTcpNoDelay(true);   // SSE events must not wait for the client's delayed ACK
                HttpInput in = new HttpInput(socket.getInputStream(), 16 * 1024);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
                while (!server.stopping()) {
                    socket.setSoTimeout(limits.idleMillis());
                    HttpHead head;
                    try {
                        head = HttpHead.read(in, limits.maxHeadBytes(), true);
                    } catch (HttpException e) {
                        answerAndClose(out, e.status(), e.getMessage());
                        return;
                    }
                    if (head == null) {
                        return;   // the client closed an idle connection
                    }
                    BlockingExchange ex;
                    try {
                        ex = BlockingExchange.of(this, head, in, out);
                    } catch (HttpException e) {
                        answerAndClose(out, e.status(), e.getMessage());
                        return;
                    }
                    socket.setSoTimeout(limits.bodyReadMillis());
                    server.busy.add(socket);
                    try {
                        if (!ex.run()) {
                            return;
                        }
                    } finally {
                        server.busy.remove(socket);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The connection failed or timed out; try-with-resources closes it.
            }
        }

        Socket socket() {
            return socket;
        }

        BlockingHttpServer server() {
            return server;
        }

        static void answerAndClose(OutputStream out, int status, String why) {
            byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                out.write(("HTTP/1.1 " + status + " " + BlockingExchange.reason(status)
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the client is gone anyway
            }
        }
    }
}
