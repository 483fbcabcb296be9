package io.headroom4j.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The own server spoken to over raw sockets: framing, keep-alive, limits and malformed input. */
final class BlockingHttpServerTest {

    private BlockingHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int start(HttpHandler handler) throws IOException {
        return start(handler, BlockingHttpServer.Limits.defaults());
    }

    private int start(HttpHandler handler, BlockingHttpServer.Limits limits) throws IOException {
        server = BlockingHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, limits);
        server.createContext("/", handler);
        server.start();
        return server.getAddress().getPort();
    }

    /** Answers with the method, path and the request body's length and text. */
    private static final HttpHandler ECHO = ex -> {
        byte[] body = ex.getRequestBody().readAllBytes();
        byte[] out = (ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body.length + " "
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    };

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response (head and a Content-Length or chunked body); the body is decoded. */
    private static Response read(InputStream in) throws IOException {
        HttpInput hin = in instanceof HttpInput h ? h : new HttpInput(in, 1);
        HttpHead head = HttpHead.read(hin, 65536, false);
        if (head == null) {
            return null;
        }
        int status = Integer.parseInt(head.start()[1]);
        long len = status == 100 || status == 204 ? 0 : head.bodyLength(502);
        byte[] body = len == -2 ? new ChunkedInput(hin).readAllBytes()
                : len >= 0 ? new FixedLengthInput(hin, len).readAllBytes() : hin.readAllBytes();
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private record Response(int status, HttpHead head, String body) {
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;   // reset
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            for (int i = 0; i < 3; i++) {
                send(s, "POST /v1/x?i=" + i + " HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
                Response r = read(in);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("POST /v1/x?i=" + i + " 5 hello");
                assertThat(r.head().first("date")).isNotNull();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            send(s, "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nA"
                    + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nC\r\n0\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            assertThat(read(in).body()).isEqualTo("POST /a 1 A");
            assertThat(read(in).body()).isEqualTo("GET /b 0 ");
            assertThat(read(in).body()).isEqualTo("POST /c 1 C");
        }
    }

    @Test
    void aChunkedRequestBodyIsDecoded() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nTrailer: t\r\n\r\n");
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /x 7 abcdefg");
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheHandlerReadsTheBody() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            assertThat(read(in).status()).isEqualTo(100);
            send(s, "abc");
            assertThat(read(in).body()).isEqualTo("POST /x 3 abc");
        }
    }

    @Test
    void aRequestRefusedUnreadGetsNoContinueAndTheConnectionCloses() throws IOException {
        int port = start(ex -> {
            ex.sendResponseHeaders(413, -1);
            ex.close();
        });
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 100000000\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            Response r = read(in);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.head().lists("connection", "close")).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aLargeUnreadBodyStillLetsTheClientReadTheAnswer() throws IOException {
        int port = start(ex -> {
            ex.sendResponseHeaders(413, -1);
            ex.close();
        });
        try (Socket s = connect(port)) {
            byte[] body = new byte[2 * 1024 * 1024];
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(body);
                } catch (IOException e) {
                    // the server may stop reading
                }
            });
            Response r = read(s.getInputStream());
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.head().lists("connection", "close")).isTrue();
            writer.interrupt();
        }
    }

    @Test
    void malformedRequestsGet400AndTheConnectionCloses() throws IOException {
        int port = start(ECHO);
        String[] bad = {
            "GARBAGE\r\n\r\n",
            "GET /x HTTP/1.1 extra\r\nHost: a\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\r\nBad Name: v\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
            "GET /x HTTP/1.1\r\n\r\n",
            "GET /x y HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        };
        for (String b : bad) {
            try (Socket s = connect(port)) {
                send(s, b);
                Response r = read(s.getInputStream());
                assertThat(r.status()).as(b).isEqualTo(400);
                assertThat(closedByPeer(s)).as(b).isTrue();
            }
        }
    }

    @Test
    void unsupportedVersionsAndCodingsGetTheirOwnStatus() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            send(s, "GET /x HTTP/2.0\r\nHost: a\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(505);
        }
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(501);
        }
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nExpect: something\r\nContent-Length: 1\r\n\r\nx");
            assertThat(read(s.getInputStream()).status()).isEqualTo(417);
        }
    }

    @Test
    void anOversizedHeadGets431() throws IOException {
        int port = start(ECHO, new BlockingHttpServer.Limits(1024, 16, 5000, 5000, false));
        try (Socket s = connect(port)) {
            send(s, "GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "v".repeat(2000) + "\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(431);
            assertThat(closedByPeer(s)).isTrue();
        }
        try (Socket s = connect(port)) {
            StringBuilder many = new StringBuilder("GET /x HTTP/1.1\r\nHost: a\r\n");
            for (int i = 0; i < 200; i++) {
                many.append("X-").append(i).append(": v\r\n");
            }
            send(s, many + "\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(431);
        }
    }

    @Test
    void aSlowClientSendingTheHeadInPiecesIsServed() throws Exception {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            String req = "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody";
            for (int i = 0; i < req.length(); i += 7) {
                send(s, req.substring(i, Math.min(req.length(), i + 7)));
                Thread.sleep(5);
            }
            assertThat(read(s.getInputStream()).body()).isEqualTo("POST /slow 4 body");
        }
    }

    @Test
    void aPartialRequestFromAClientThatLeavesEndsItsConnectionOnly() throws IOException {
        int port = start(ECHO, new BlockingHttpServer.Limits(65536, 1, 5000, 5000, false));
        try (Socket s = connect(port)) {
            send(s, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
        }
        // The one connection slot is free again once the server noticed; a new client is served.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Response r = null;
        while (System.nanoTime() < end) {
            try (Socket s = connect(port)) {
                send(s, "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
                r = read(s.getInputStream());
                if (r != null && r.status() == 200) {
                    break;
                }
            }
        }
        assertThat(r).isNotNull();
        assertThat(r.body()).isEqualTo("GET /next 0 ");
    }

    @Test
    void connectionsBeyondTheLimitGet503() throws IOException {
        int port = start(ECHO, new BlockingHttpServer.Limits(65536, 1, 5000, 5000, false));
        try (Socket first = connect(port)) {
            send(first, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
            HttpInput in = new HttpInput(first.getInputStream(), 1);
            assertThat(read(in).status()).isEqualTo(200);   // first is now an open, idle keep-alive connection
            try (Socket second = connect(port)) {
                Response r = read(second.getInputStream());
                assertThat(r.status()).isEqualTo(503);
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        int port = start(ECHO, new BlockingHttpServer.Limits(65536, 16, 200, 5000, false));
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            assertThat(read(in).status()).isEqualTo(200);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aStreamedResponseReachesTheClientWriteByWrite() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        int port = start(ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            os.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            os.flush();
            try {
                next.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            os.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
            os.flush();
            ex.close();
        });
        try (Socket s = connect(port)) {
            send(s, "POST /stream HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            HttpHead head = HttpHead.read(in, 65536, false);
            assertThat(head.bodyLength(502)).isEqualTo(-2);
            ChunkedInput body = new ChunkedInput(in);
            byte[] buf = new byte[100];
            int n = body.read(buf, 0, buf.length);   // arrives while the handler still waits
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("data: one\n\n");
            next.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: two\n\n");
            assertThat(body.finished()).isTrue();
        }
    }

    @Test
    void headGetsHeadersWithoutABody() throws IOException {
        int port = start(ex -> {
            ex.sendResponseHeaders(200, 42);
            ex.close();
        });
        try (Socket s = connect(port)) {
            send(s, "HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            HttpHead head = HttpHead.read(in, 65536, false);
            assertThat(head.first("content-length")).isEqualTo("42");
            // The next response starts right after the head: no body bytes in between.
            assertThat(HttpHead.read(in, 65536, false).start()[1]).isEqualTo("200");
        }
    }

    @Test
    void connectionCloseAndHttp10EndTheConnectionAfterTheResponse() throws IOException {
        int port = start(ECHO);
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            Response r = read(in);
            assertThat(r.head().lists("connection", "close")).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.0\r\n\r\n");
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            assertThat(read(in).body()).isEqualTo("GET /a 0 ");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aHandlerThatThrowsMidStreamBreaksTheResponseInsteadOfEndingIt() throws IOException {
        int port = start(ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("data: partial\n\n".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            throw new IllegalStateException("upstream dropped");
        });
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            String wire = all.toString(StandardCharsets.ISO_8859_1);
            assertThat(wire).contains("data: partial").doesNotContain("\r\n0\r\n\r\n");
        }
    }

    @Test
    void aHandlerThatThrowsBeforeAnsweringGives500() throws IOException {
        int port = start(ex -> {
            throw new IllegalStateException("boom");
        });
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(500);
        }
    }

    @Test
    void aShortFixedLengthBodyClosesTheConnection() throws IOException {
        int port = start(ex -> {
            ex.sendResponseHeaders(200, 10);
            ex.getResponseBody().write("abc".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        try (Socket s = connect(port)) {
            send(s, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);   // ends: the server closed instead of waiting for 7 more bytes
            assertThat(all.toString(StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\nabc");
        }
    }

    @Test
    void bothThreadKindsServe() throws IOException {
        for (boolean virtual : new boolean[] {false, true}) {
            BlockingHttpServer.Limits d = BlockingHttpServer.Limits.defaults();
            int port = start(ex -> {
                byte[] b = String.valueOf(Thread.currentThread().isVirtual()).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            }, new BlockingHttpServer.Limits(d.maxHeadBytes(), d.maxConnections(), d.idleMillis(),
                    d.bodyReadMillis(), virtual));
            try (Socket s = connect(port)) {
                send(s, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(read(s.getInputStream()).body()).isEqualTo(String.valueOf(virtual));
            }
            server.stop(0);
            server = null;
        }
    }
}
