package io.headroom4j.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake model provider on loopback: a real JDK HTTP server that records every request and answers from a
 * script of responders (the last one repeats). Used as the upstream for both OpenAI and Anthropic shapes.
 */
final class FakeUpstream implements AutoCloseable {

    /** One request as the provider received it. */
    record Received(String method, String path, String query, Headers headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes one response. */
    @FunctionalInterface
    interface Responder {
        void respond(Received request, HttpExchange ex) throws IOException;
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** False stops recording requests, for long runs that would otherwise keep every request in memory. */
    volatile boolean recording = true;
    private final ConcurrentLinkedDeque<Responder> script = new ConcurrentLinkedDeque<>();
    private volatile Responder fallback = json(200, Map.of(), "{}");
    private final HttpServer server;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");   // as a real provider's server would
    }

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            if (recording) {
                received.add(r);
            }
            Responder next = script.pollFirst();
            (next == null ? fallback : next).respond(r, ex);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri(String path) {
        return URI.create(url() + path);
    }

    FakeUpstream then(Responder r) {
        script.addLast(r);
        return this;
    }

    FakeUpstream always(Responder r) {
        fallback = r;
        return this;
    }

    Received take() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the fake upstream received no request within 10 s");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Responder json(int status, Map<String, String> headers, String body) {
        return (req, ex) -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().set("Content-Type", "application/json");
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
        };
    }

    static Responder jsonFrom(Function<Received, String> body) {
        return (req, ex) -> json(200, Map.of(), body.apply(req)).respond(req, ex);
    }

    /** An SSE response written chunk by chunk, flushed after each. */
    static Responder sse(Map<String, String> headers, List<byte[]> chunks) {
        return (req, ex) -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            for (byte[] c : chunks) {
                os.write(c);
                os.flush();
            }
        };
    }

    /**
     * An SSE response paced like a real provider's: nothing for {@code first} (the model thinking), then the
     * status, headers and first chunk together, then each further chunk {@code gap} after the previous one.
     */
    static Responder paced(List<byte[]> chunks, Duration first, Duration gap) {
        return (req, ex) -> {
            pause(first);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            for (int i = 0; i < chunks.size(); i++) {
                if (i > 0) {
                    pause(gap);
                }
                os.write(chunks.get(i));
                os.flush();
            }
        };
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** An SSE response that sends {@code chunks} and then drops the connection without ending the body. */
    static Responder sseThenDrop(List<byte[]> chunks) {
        return (req, ex) -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            for (byte[] c : chunks) {
                os.write(c);
                os.flush();
            }
            try {
                Thread.sleep(300);   // let the bytes travel before the drop (a reset discards unread data)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("fake upstream drops the connection");
        };
    }

    /**
     * An SSE response that sends each event only after {@code gate} releases one permit per event; records
     * in {@code writeFailed} when a write fails (the proxy closed the upstream connection).
     */
    static Responder gated(List<byte[]> events, java.util.concurrent.Semaphore gate, CountDownLatch writeFailed) {
        return (req, ex) -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            try {
                for (byte[] e : events) {
                    if (!gate.tryAcquire(10, TimeUnit.SECONDS)) {
                        return;
                    }
                    os.write(e);
                    os.flush();
                }
            } catch (IOException e) {
                writeFailed.countDown();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static List<byte[]> chunks(String... parts) {
        List<byte[]> out = new ArrayList<>();
        for (String p : parts) {
            out.add(p.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
