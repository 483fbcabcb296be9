package io.headroom4j.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The own plain-HTTP client against the JDK's server and against raw sockets. */
final class BlockingHttpClientTest {

    private final BlockingHttpClient client = new BlockingHttpClient(Duration.ofSeconds(5), 8, Duration.ofSeconds(30));
    private HttpServer jdk;
    private ServerSocket raw;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (jdk != null) {
            jdk.stop(0);
        }
        if (raw != null) {
            raw.close();
        }
    }

    private static HttpRequest request(String url, String method) {
        return HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("x-test", "1").build();
    }

    private static String text(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A JDK server that echoes the client's port, method, body and x-test header. */
    private String startJdk() throws IOException {
        jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        jdk.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] out = (ex.getRemoteAddress().getPort() + " " + ex.getRequestMethod() + " "
                    + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("x-test") + " "
                    + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            boolean stream = ex.getRequestURI().getPath().equals("/stream");
            ex.sendResponseHeaders(200, stream ? 0 : out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        jdk.start();
        return "http://127.0.0.1:" + jdk.getAddress().getPort();
    }

    /** A raw server: each connection is handed to {@code serve} on its own thread. */
    private String startRaw(Consumer<Socket> serve) throws IOException {
        raw = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!raw.isClosed()) {
                try {
                    Socket s = raw.accept();
                    Thread.ofVirtual().start(() -> serve.accept(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return "http://127.0.0.1:" + raw.getLocalPort();
    }

    private static void readHead(InputStream in) throws IOException {
        HttpHead.read(new HttpInput(in, 1), 65536, true);
    }

    @Test
    void aConnectionIsReusedAfterABodyIsReadToItsEnd() throws IOException {
        String base = startJdk();
        String first = text(client.send(request(base + "/a?q=1", "POST"), "hi".getBytes(StandardCharsets.UTF_8)));
        String second = text(client.send(request(base + "/stream", "POST"), "yo".getBytes(StandardCharsets.UTF_8)));
        assertThat(first).endsWith(" POST /a?q=1 1 hi");
        assertThat(second).endsWith(" POST /stream 1 yo");   // a chunked body, decoded
        assertThat(first.split(" ")[0]).isEqualTo(second.split(" ")[0]);   // same client port: same connection
    }

    @Test
    void closingABodyEarlyClosesItsConnection() throws Exception {
        CountDownLatch writeFailed = new CountDownLatch(1);
        String base = startRaw(s -> {
            try (s) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < 500; i++) {
                    out.write("5\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(5);
                }
            } catch (IOException e) {
                writeFailed.countDown();   // the client went away: the call is cancelled
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HttpResponse<InputStream> r = client.send(request(base + "/", "GET"), null);
        byte[] five = r.body().readNBytes(5);
        assertThat(new String(five, StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        r.body().close();
        assertThat(writeFailed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedWithoutFailingTheCall() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        String base = startRaw(s -> {
            connections.incrementAndGet();
            try (s) {
                // Answers one request, says nothing about closing, then closes (as an idle timeout would).
                readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // ignore
            }
        });
        for (int i = 0; i < 5; i++) {
            assertThat(text(client.send(request(base + "/", "GET"), null))).isEqualTo("ok");
        }
        assertThat(connections.get()).isEqualTo(5);
    }

    @Test
    void aBodyWithoutLengthIsReadToTheEndOfTheConnection() throws IOException {
        String base = startRaw(s -> {
            try (s) {
                readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // ignore
            }
        });
        HttpResponse<InputStream> r = client.send(request(base + "/", "GET"), null);
        assertThat(r.headers().firstValue("content-type")).contains("text/plain");
        assertThat(text(r)).isEqualTo("all of it");
    }

    @Test
    void interimResponsesAreSkippedAndStatusAndHeadersKeptVerbatim() throws IOException {
        String base = startRaw(s -> {
            try (s) {
                readHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\n"
                        + "Retry-After: 7\r\nrequest-id: req_1\r\nrequest-id: req_2\r\nContent-Length: 4\r\n\r\nslow")
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().read();
            } catch (IOException e) {
                // ignore
            }
        });
        HttpResponse<InputStream> r = client.send(request(base + "/", "POST"), new byte[0]);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).contains("7");
        assertThat(r.headers().allValues("Request-Id")).containsExactly("req_1", "req_2");
        assertThat(text(r)).isEqualTo("slow");
    }

    @Test
    void headAnd204HaveNoBody() throws IOException {
        String base = startRaw(s -> {
            try (s) {
                HttpInput in = new HttpInput(s.getInputStream(), 1);
                HttpHead.read(in, 65536, true);
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                HttpHead.read(in, 65536, true);
                s.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().read();
            } catch (IOException e) {
                // ignore
            }
        });
        assertThat(text(client.send(request(base + "/", "HEAD"), null))).isEmpty();
        HttpResponse<InputStream> r = client.send(request(base + "/", "DELETE"), null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(text(r)).isEmpty();
    }

    @Test
    void theRequestCarriesHostLengthAndTheCallersHeadersOnly() throws Exception {
        Set<String> lines = ConcurrentHashMap.newKeySet();
        CountDownLatch got = new CountDownLatch(1);
        String base = startRaw(s -> {
            try (s) {
                HttpHead h = HttpHead.read(new HttpInput(s.getInputStream(), 1), 65536, true);
                lines.add(String.join(" ", h.start()));
                for (int i = 0; i < h.names().size(); i++) {
                    lines.add(h.names().get(i).toLowerCase() + ": " + h.values().get(i));
                }
                got.countDown();
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // ignore
            }
        });
        int port = URI.create(base).getPort();
        text(client.send(request(base + "/v1/messages?beta=true", "POST"), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).containsExactlyInAnyOrder("POST /v1/messages?beta=true HTTP/1.1", "host: 127.0.0.1:" + port,
                "x-test: 1", "content-length: 2");
    }

    @Test
    void aMalformedResponseOrAnUnreachableServerIsAnIOException() throws IOException {
        String base = startRaw(s -> {
            try (s) {
                readHead(s.getInputStream());
                s.getOutputStream().write("SPDY/3 200\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // ignore
            }
        });
        assertThatThrownBy(() -> client.send(request(base + "/", "GET"), null)).isInstanceOf(IOException.class);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.send(request("http://127.0.0.1:" + closedPort + "/", "GET"), null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.send(request("https://127.0.0.1/", "GET"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterWriteRunsOnceTheRequestIsSentAndBeforeTheAnswer() throws Exception {
        CountDownLatch requestSeen = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        String base = startRaw(s -> {
            try (s) {
                readHead(s.getInputStream());
                requestSeen.countDown();
                answer.await(5, TimeUnit.SECONDS);
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().read();
            } catch (IOException | InterruptedException e) {
                // ignore
            }
        });
        List<Boolean> ranBeforeAnswer = new java.util.ArrayList<>();
        HttpResponse<InputStream> r = client.send(request(base + "/", "GET"), null, () -> {
            ranBeforeAnswer.add(answer.getCount() == 1);
            answer.countDown();
        });
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ranBeforeAnswer).containsExactly(true);
        assertThat(requestSeen.getCount()).isZero();
    }
}
