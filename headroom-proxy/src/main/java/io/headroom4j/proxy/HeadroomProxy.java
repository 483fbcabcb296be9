package io.headroom4j.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.internal.SideWork;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;
import io.headroom4j.message.RequestFormat;
import io.headroom4j.proxy.http.BlockingHttpClient;
import io.headroom4j.proxy.http.BlockingHttpServer;
import io.headroom4j.message.RetrieveTool;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.SqliteCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * The Headroom4j proxy: an OpenAI- and Anthropic-compatible HTTP server that compresses requests on their
 * way to the provider and passes responses back byte for byte, streams included.
 *
 * <p>Start one with {@link #start}; it serves until {@link #close}. The server is the proxy's own blocking
 * HTTP/1.1 server ({@link BlockingHttpServer}: one thread per connection reads each request, compresses, calls
 * upstream and relays the response); plain-HTTP upstreams are called with its own blocking client
 * ({@link BlockingHttpClient}, on that same thread), HTTPS upstreams with the JDK's {@code java.net.http}.
 * For A/B benchmarks only, {@value #SERVER_PROPERTY}{@code =jdk} and {@value #CLIENT_PROPERTY}{@code =jdk}
 * select the JDK's server and client instead, and {@value #THREADS_PROPERTY}{@code =virtual} virtual threads
 * per connection.
 *
 * <p>What it promises (each has a test):
 * <ul>
 *   <li>Streams are relayed as they arrive, flushed per read; nothing waits for a whole stream. Usage is
 *       read on the side. No status goes to the client before the upstream's status is known.</li>
 *   <li>Upstream errors reach the client verbatim: status, body and headers ({@code retry-after},
 *       {@code request-id}, rate-limit headers). A dropped upstream connection drops the client's.</li>
 *   <li>A client that disconnects cancels the upstream call (its body stream is closed).</li>
 *   <li>Compression runs under {@link HeadroomConfig#compressionTimeout()}; on error or timeout the original
 *       bytes go upstream (fail-open) and {@code /stats} counts it.</li>
 *   <li>{@code x-headroom-*} request headers never go upstream; credentials are never logged.</li>
 *   <li>Token counting never holds a request up: long text never counted before is counted on another thread
 *       once the request has gone upstream. A response that starts before that count is done carries
 *       {@code x-headroom-tokens-pending: true} instead of the count headers; {@code /stats} and the ledger
 *       are updated with exact counts once the response is complete.</li>
 *   <li>With a {@link Ledger}, every model request ({@code /v1/messages}, {@code /v1/chat/completions},
 *       {@code /v1/responses}) appends one line once its response is complete, whatever the outcome (failed
 *       open, upstream error, client gone). A ledger that cannot be written never fails the request.</li>
 *   <li>The originals behind a request's markers are written to the store while the request goes upstream
 *       ({@link WriteBehindStore}); nothing of the upstream's answer reaches the client before they are on
 *       disk, and if a write fails the original request is sent instead, so no key the model sees is
 *       missing from the store.</li>
 *   <li>{@code headroom_retrieve} is added to a conversation's tools once it carries a retrieval key, and
 *       stays on every later request of that conversation. The proxy answers the model's retrieve calls
 *       itself and continues upstream (see {@link StreamRelay} for the exact rules).</li>
 * </ul>
 * Thread-safe.
 */
public final class HeadroomProxy implements AutoCloseable {

    /** System property: {@code jdk} serves with the JDK's {@code HttpServer} instead of the own one (A/B only). */
    public static final String SERVER_PROPERTY = "headroom.http.server";
    /** System property: {@code jdk} calls plain-HTTP upstreams with the JDK's {@code HttpClient} (A/B only). */
    public static final String CLIENT_PROPERTY = "headroom.http.client";
    /** System property: {@code virtual} serves each connection on a virtual thread instead of a platform one. */
    public static final String THREADS_PROPERTY = "headroom.http.threads";

    /** The version reported by health endpoints. */
    public static final String VERSION = "0.1.0";

    private static final System.Logger LOG = System.getLogger(HeadroomProxy.class.getName());

    static {
        // The JDK server leaves Nagle's algorithm on by default: small SSE events then wait for the client's
        // delayed ACK (~40 ms each). Read once, when the first server in the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST_HEADERS_DROPPED = Set.of("host", "content-length", "connection",
            "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "expect", "accept-encoding", "http2-settings");
    private static final Set<String> RESPONSE_HEADERS_DROPPED = Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", ":status", "date");

    /**
     * At most this many token counts wait for a counting thread. Each holds the long new text it is owed for
     * (a 100K-token tool result is ~0.5 MB), so an unbounded queue would grow without limit under a sustained
     * load of new long content; beyond this bound a request's exact counts are skipped and {@code /stats}
     * counts it under {@code compression.counts_skipped}.
     */
    static final int COUNT_QUEUE = 128;

    /**
     * How long a response waits at most for the store writes of its request: SQLite's busy timeout (another
     * process holding the write lock) and then some. Beyond it the request is sent again uncompressed.
     */
    private static final long DURABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    static final String COUNT_DELAY_PROPERTY = "headroom.count.delayMicros";
    static final String COUNT_THREADS_PROPERTY = "headroom.count.threads";

    /**
     * Threads that count owed tokens: half the cores, at least one. Counts are off the request path but are CPU
     * work of milliseconds each (a 100K-token text: ~2 ms); with a thread per core, under many concurrent new
     * long requests the counts could hold every core while other requests wait to be compressed.
     */
    static int countThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
    /**
     * How long an owed count waits after its request was written upstream before it starts (see
     * countInBackground): 2 ms; {@value #COUNT_DELAY_PROPERTY} (microseconds) overrides it, for A/B runs.
     */
    private static final long COUNT_DELAY_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong(COUNT_DELAY_PROPERTY, 2000));

    /** Bodies smaller than this are compressed on the request's own thread, without the time-budget hand-off. */
    private static final int INLINE_BODY_BYTES = 16 * 1024;
    /**
     * How long a connection thread waiting alone for a large body's compression spins as its helper before it
     * parks (a 100K-token log compresses in 2-6 ms). Set {@value #HELP_PROPERTY}=false to always park.
     */
    private static final long HELP_SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final String HELP_PROPERTY = "headroom.compress.help";

    private final HeadroomConfig config;
    private final ProxyConfig proxyConfig;
    /** The store, written behind: requests go upstream before their originals are on disk (see below). */
    private final WriteBehindStore store;
    private final RequestCompressor compressor;
    private final Ledger ledger;
    private final HttpServer server;
    private final HttpClient client;
    private final HttpClient plainClient;
    /** The own client for plain-HTTP upstreams, or null when {@value #CLIENT_PROPERTY}=jdk. */
    private final BlockingHttpClient blockingClient;
    private final ExecutorService executor;
    /**
     * Compression of large bodies and the token counts owed after a request went upstream: CPU work of
     * milliseconds at a time. It runs on platform threads, one per core, not on virtual threads: a virtual
     * thread is never preempted, so a 40 ms count would hold one of the few carrier threads that every
     * stream's relay needs, and the relays of all other requests would wait for it.
     */
    private final ExecutorService compressing;
    private final ThreadPoolExecutor counting;
    /** Whether a connection thread may help a lone large compression (two cores or more, not switched off). */
    private final boolean helping;
    /** Large bodies compressing now, when {@link #helping}. */
    private final AtomicInteger largeInFlight = new AtomicInteger();
    private final ProxyStats stats = new ProxyStats();
    /** Set by the first model request (or compress call): the warm-up ends at its next step. */
    private volatile boolean trafficSeen;
    private volatile boolean closed;
    /** The warm-up and its thread, or null when {@link ProxyConfig#warmUp()} is off. */
    private final WarmUp warmUp;
    private final Thread warmUpThread;
    private final Cache<String, Boolean> stickyConversations = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(24)).build();

    private HeadroomProxy(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store,
                          RequestCompressor compressor, Ledger ledger, int countQueue) throws IOException {
        this.config = config;
        this.proxyConfig = proxyConfig;
        this.store = store instanceof WriteBehindStore w ? w : new WriteBehindStore(store);
        this.stats.storeWriteFailures = this.store::failures;
        this.compressor = compressor;
        this.ledger = ledger;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.compressing = Executors.newFixedThreadPool(cores, daemon("headroom-compress-"));
        this.helping = Runtime.getRuntime().availableProcessors() >= 2
                && !"false".equals(System.getProperty(HELP_PROPERTY));
        int counters = Integer.getInteger(COUNT_THREADS_PROPERTY, countThreads());
        this.counting = new ThreadPoolExecutor(counters, counters, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(countQueue), daemon("headroom-count-"));
        this.client = HttpClient.newBuilder()
                .connectTimeout(proxyConfig.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Plain HTTP upstreams (a local model server) get a client without a worker pool: its selector thread
        // parses a response and hands it to the waiting relay itself, one thread wake-up fewer per response
        // start and per relayed read (measured 0.09 ms instead of 0.47 ms from the provider's write to the
        // relay holding the response). With TLS the pool stays: decryption and handshakes are CPU work that
        // must not run on the one selector thread every stream shares.
        this.plainClient = HttpClient.newBuilder()
                .executor(Runnable::run)
                .connectTimeout(proxyConfig.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.blockingClient = "jdk".equals(System.getProperty(CLIENT_PROPERTY)) ? null
                : new BlockingHttpClient(proxyConfig.connectTimeout(), 256, Duration.ofSeconds(30));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(proxyConfig.host()),
                proxyConfig.port());
        if ("jdk".equals(System.getProperty(SERVER_PROPERTY))) {
            this.server = HttpServer.create(address, 1024);
        } else {
            BlockingHttpServer.Limits d = BlockingHttpServer.Limits.defaults();
            this.server = BlockingHttpServer.create(address, 1024, new BlockingHttpServer.Limits(d.maxHeadBytes(),
                    d.maxConnections(), d.idleMillis(), d.bodyReadMillis(),
                    "virtual".equals(System.getProperty(THREADS_PROPERTY))));
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        if (proxyConfig.warmUp()) {
            // The request path over synthetic requests, until the first model request arrives (see WarmUp).
            this.warmUp = new WarmUp(config, this.store.behind() instanceof SqliteCompressionStore,
                    () -> trafficSeen || closed);
            this.warmUpThread = Thread.ofPlatform().name("headroom-warm-up").daemon(true)
                    .priority(Thread.MIN_PRIORITY).start(warmUp);
        } else {
            this.warmUp = null;
            this.warmUpThread = null;
            // Load the tokenizers now, off the request path: the first request would otherwise pay ~0.5 s.
            executor.submit(() -> {
                TokenCounters.o200k().count("warm up");
                TokenCounters.cl100k().count("warm up");
            });
        }
    }

    /**
     * Starts a proxy that compresses with {@link Headroom} over {@code store}. The retrieve tool's own results
     * are excluded from compression, so retrieved content is never compressed again.
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static HeadroomProxy start(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store) {
        return start(config, proxyConfig, store, (Ledger) null);
    }

    /**
     * Starts a proxy like {@link #start(HeadroomConfig, ProxyConfig, CompressionStore)} that also appends one
     * line per model request to {@code ledger} (null: no ledger).
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static HeadroomProxy start(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store,
                                      Ledger ledger) {
        Set<String> excluded = new LinkedHashSet<>(config.excludedTools());
        excluded.add(RetrieveTool.NAME);
        HeadroomConfig effective = config.toBuilder().excludedTools(excluded).build();
        // Originals and memo rows are written on the store's own thread while the request goes upstream; the
        // response is relayed only once they are on disk (WriteBehindStore, providerRequest).
        WriteBehindStore writes = new WriteBehindStore(store);
        Headroom headroom = Headroom.create(effective, writes);
        return start(effective, proxyConfig, writes, deferring(headroom), ledger);
    }

    /** {@code headroom} as the proxy's compressor, counting tokens of long new text after the request is sent. */
    static RequestCompressor deferring(Headroom headroom) {
        return new RequestCompressor() {
            @Override
            public CompressionResult compress(byte[] body, RequestFormat format) {
                return headroom.compress(body, format);
            }

            @Override
            public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
                return headroom.compressDeferringCounts(body, format);
            }
        };
    }

    /** Starts a proxy with a custom compressor (tests, embedding) and no ledger. */
    public static HeadroomProxy start(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store,
                                      RequestCompressor compressor) {
        return start(config, proxyConfig, store, compressor, null);
    }

    /** Starts a proxy with a custom compressor that appends to {@code ledger} (null: no ledger). */
    public static HeadroomProxy start(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store,
                                      RequestCompressor compressor, Ledger ledger) {
        return start(config, proxyConfig, store, compressor, ledger, COUNT_QUEUE);
    }

    /** A proxy like the public {@code start} with a compressor and ledger, with a count queue of the given size. */
    static HeadroomProxy start(HeadroomConfig config, ProxyConfig proxyConfig, CompressionStore store,
                               RequestCompressor compressor, Ledger ledger, int countQueue) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(proxyConfig, "proxyConfig");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(compressor, "compressor");
        try {
            return new HeadroomProxy(config, proxyConfig, store, compressor, ledger, countQueue);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on " + proxyConfig.host() + ":"
                    + proxyConfig.port() + ": " + e.getMessage(), e);
        }
    }

    /** The port it listens on (useful after binding port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Its base URL, such as {@code http://127.0.0.1:8787}. */
    public URI uri() {
        String host = proxyConfig.host().contains(":") ? "[" + proxyConfig.host() + "]" : proxyConfig.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The compression settings in force. */
    public HeadroomConfig config() {
        return config;
    }

    /** The proxy settings in force. */
    public ProxyConfig proxyConfig() {
        return proxyConfig;
    }

    /** The ledger it appends to, or null when it keeps none. */
    public Ledger ledger() {
        return ledger;
    }

    /** Ends the warm-up at its next step; writes the flag once, not on every request. */
    private void sawTraffic() {
        if (!trafficSeen) {
            trafficSeen = true;
        }
    }

    /** The warm-up's thread, or null when it is off (tests). */
    Thread warmUpThread() {
        return warmUpThread;
    }

    /** Rounds the warm-up has completed, 0 when it is off (tests). */
    int warmUpRounds() {
        return warmUp == null ? 0 : warmUp.rounds();
    }

    /** The {@code /stats} document, as JSON text. */
    public String statsJson() {
        return stats.toJson(safeStoreSize()).toString();
    }

    /** Daemon platform threads named {@code prefix} and a number, so a proxy embedded in an app never blocks exit. */
    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        return Thread.ofPlatform().name(prefix, 1).daemon(true).factory();
    }

    /** Stops accepting requests, waits up to a second for running ones, and releases the threads. */
    @Override
    public void close() {
        closed = true;
        server.stop(1);
        executor.shutdownNow();
        compressing.shutdownNow();
        counting.shutdownNow();
        client.shutdownNow();
        plainClient.shutdownNow();
        if (blockingClient != null) {
            blockingClient.close();
        }
        store.close();   // waits for the writes in flight; the caller's store itself stays open
    }

    // ------------------------------------------------------------------------------------------------------
    // Routing

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        try {
            switch (path) {
                case "/livez", "/readyz", "/health", "/healthz" -> health(ex, path);
                case "/metrics" -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                        stats.scrape().getBytes(StandardCharsets.UTF_8));
                case "/stats" -> {
                    if (adminAllowed(ex)) {
                        respondJson(ex, 200, stats.toJson(safeStoreSize()));
                    }
                }
                case "/dashboard", "/dashboard/" -> {
                    if (adminAllowed(ex)) {
                        respond(ex, 200, "text/html; charset=utf-8", Dashboard.HTML.getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "/v1/compress" -> {
                    if (adminAllowed(ex)) {
                        compressOnly(ex);
                    }
                }
                case "/v1/retrieve" -> {
                    if (adminAllowed(ex)) {
                        retrievePost(ex);
                    }
                }
                case "/v1/messages" -> provider(ex, RequestFormat.ANTHROPIC_MESSAGES, proxyConfig.anthropicApiUrl());
                case "/v1/messages/count_tokens" -> countTokens(ex);
                case "/v1/chat/completions" -> provider(ex, RequestFormat.OPENAI_CHAT, proxyConfig.openaiApiUrl());
                case "/v1/responses" -> provider(ex, RequestFormat.OPENAI_RESPONSES, proxyConfig.openaiApiUrl());
                default -> {
                    if (path.startsWith("/v1/retrieve/") && method.equals("GET")) {
                        if (adminAllowed(ex)) {
                            retrieveGet(ex, path.substring("/v1/retrieve/".length()));
                        }
                    } else {
                        passthrough(ex);
                    }
                }
            }
            ex.close();
        } catch (ClientGone e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: {0} {1}", method, path);
            ex.close();
        } catch (UpstreamDropped e) {
            // Dropping the client's connection mid-response (no final chunk) is the faithful copy of what the
            // upstream did: the client sees a broken stream, not a clean but truncated one. The exchange is
            // deliberately left unclosed; the exception makes the server drop the connection.
            LOG.log(System.Logger.Level.WARNING, "upstream dropped mid-response: {0} {1}: {2}", method, path,
                    e.getMessage());
            stats.recordFailure();
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "proxy error on " + method + " " + path, e);
            stats.recordFailure();
            if (ex.getResponseCode() == -1) {
                respondJson(ex, 500, error("proxy_error", "headroom proxy internal error: " + e));
                ex.close();
                return;
            }
            throw e;
        }
    }

    /** True on loopback (client address and Host header both); otherwise answers 404 and returns false. */
    private boolean adminAllowed(HttpExchange ex) throws IOException {
        InetAddress remote = ex.getRemoteAddress().getAddress();
        String host = ex.getRequestHeaders().getFirst("Host");
        if (remote != null && remote.isLoopbackAddress() && isLoopbackHost(host)) {
            return true;
        }
        respondJson(ex, 404, error("not_found", "not found"));
        return false;
    }

    static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(1, end) : h;
        } else if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    // ------------------------------------------------------------------------------------------------------
    // Operational endpoints

    private void health(HttpExchange ex, String path) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("service", "headroom4j-proxy");
        n.put("status", "healthy");
        n.put("alive", true);
        n.put("ready", true);
        n.put("version", VERSION);
        n.put("timestamp", java.time.Instant.now().toString());
        n.put("uptime_seconds", Math.round(stats.uptimeSeconds() * 10) / 10.0);
        if (path.equals("/health")) {
            ObjectNode up = n.putObject("upstreams");
            up.put("openai", proxyConfig.openaiApiUrl().toString());
            up.put("anthropic", proxyConfig.anthropicApiUrl().toString());
            InetAddress remote = ex.getRemoteAddress().getAddress();
            if (remote != null && remote.isLoopbackAddress()) {
                ObjectNode c = n.putObject("config");
                config.describe().forEach(c::put);
                c.put("pid", ProcessHandle.current().pid());
            }
        }
        respondJson(ex, 200, n);
    }

    private void retrieveGet(HttpExchange ex, String key) throws IOException {
        String query = queryParam(ex.getRequestURI().getRawQuery(), "query");
        retrieveAnswer(ex, key, query);
    }

    private void retrievePost(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equalsIgnoreCase("POST")) {
            respondJson(ex, 405, error("invalid_request_error", "use POST /v1/retrieve or GET /v1/retrieve/{key}"));
            return;
        }
        byte[] body = readBody(ex, null);
        if (body == null) {
            return;
        }
        JsonNode req = StreamRelay.parseBytes(body);
        if (req == null || !(req.hasNonNull("hash") || req.hasNonNull("key"))) {
            respondJson(ex, 400, error("invalid_request_error", "body must be {\"hash\": \"<key>\"}"));
            return;
        }
        String key = req.hasNonNull("key") ? req.path("key").asText() : req.path("hash").asText();
        retrieveAnswer(ex, key, req.path("query").asText(null));
    }

    private void retrieveAnswer(HttpExchange ex, String key, String query) throws IOException {
        RetrieveTool.Answer a = RetrieveTool.answer(new RetrieveTool.Call(key, query), store);
        stats.recordRetrieval(a.found());
        if (!a.found()) {
            respondJson(ex, 404, error("not_found", a.text()));
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("hash", key);
        n.put("key", key);
        n.put("original_content", a.text());
        n.put("original_tokens", TokenCounters.o200k().count(a.text()));
        if (query != null) {
            n.put("query", query);
        }
        respondJson(ex, 200, n);
    }

    /** {@code POST /v1/compress} in the shape Headroom's own clients (the {@code headroom-ai} npm package) use. */
    private void compressOnly(HttpExchange ex) throws IOException {
        sawTraffic();
        byte[] body = readBody(ex, null);
        if (body == null) {
            return;
        }
        JsonNode req = StreamRelay.parseBytes(body);
        if (req == null || !req.path("messages").isArray()) {
            respondJson(ex, 400, error("invalid_request_error", "missing 'messages'"));
            return;
        }
        if (!req.hasNonNull("model")) {
            respondJson(ex, 400, error("invalid_request_error", "missing 'model'"));
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        if (isBypass(ex.getRequestHeaders())) {
            out.set("messages", req.path("messages"));
            out.put("tokens_before", 0);
            out.put("tokens_after", 0);
            out.put("tokens_saved", 0);
            out.put("compression_ratio", 1.0);
            out.putArray("transforms_applied");
            out.putObject("transforms_summary");
            out.putArray("ccr_hashes");
            respondJson(ex, 200, out);
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("model", req.path("model").asText());
        request.set("messages", req.path("messages"));
        Compression c = compressWithBudget(request.toString().getBytes(StandardCharsets.UTF_8),
                RequestFormat.OPENAI_CHAT);
        if (c.timedOut) {
            respondJson(ex, 503, error("compression_timeout", "compression took longer than "
                    + config.compressionTimeout().toMillis() + " ms"));
            return;
        }
        CompressionResult r = c.result.result();
        if (!r.retrievalKeys().isEmpty() && !(store.retryFailed(r.retrievalKeys())
                && store.awaitDurable(r.retrievalKeys(), DURABLE_WAIT_NANOS))) {
            // The client gets markers only once their originals are stored; else the messages as they came.
            stats.storeWriteResends.increment();
            r = CompressionResult.failOpen(body, config.model(), "an original could not be stored");
        }
        JsonNode sent = StreamRelay.parseBytes(r.body());
        out.set("messages", sent == null ? req.path("messages") : sent.path("messages"));
        out.put("tokens_before", r.tokensBefore());
        out.put("tokens_after", r.tokensAfter());
        out.put("tokens_saved", r.tokensSaved());
        out.put("compression_ratio", r.tokensBefore() == 0 ? 1.0 : (double) r.tokensAfter() / r.tokensBefore());
        ArrayNode applied = out.putArray("transforms_applied");
        r.appliedTransforms().forEach(applied::add);
        ObjectNode summary = out.putObject("transforms_summary");
        r.savedByTransform().forEach(summary::put);
        ArrayNode keys = out.putArray("ccr_hashes");
        r.retrievalKeys().forEach(keys::add);
        if (r.failedOpen()) {
            out.put("failed_open", true);
        }
        stats.recordRequest(req.path("model").asText(), r.tokensBefore(), r.tokensAfter(), r.savedByTransform(),
                r.failedOpen(), c.nanos);
        respondJson(ex, 200, out);
    }

    // ------------------------------------------------------------------------------------------------------
    // Provider requests

    /** A compression outcome plus how long it took and whether the budget ran out. */
    private record Compression(CompressionResult.Pending result, long nanos, boolean timedOut) {
    }

    private Compression compressWithBudget(byte[] body, RequestFormat format) {
        return compressWithBudget(body, format, () -> { });
    }

    /** Compresses under the time budget; {@code meanwhile} runs on this thread while a large body compresses. */
    private Compression compressWithBudget(byte[] body, RequestFormat format, Runnable meanwhile) {
        long t0 = System.nanoTime();
        if (body.length < INLINE_BODY_BYTES) {
            meanwhile.run();
            // Small bodies compress in microseconds; a thread hand-off would cost more than the work.
            try {
                return new Compression(orFailOpen(compressor.compressDeferringCounts(body, format), body),
                        System.nanoTime() - t0, false);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(System.Logger.Level.WARNING, "compression failed; forwarding the original: {0}", e.toString());
                return new Compression(failOpen(body, e.toString()), System.nanoTime() - t0, false);
            }
        }
        // Alone (no other large body compressing), this thread lends itself to the compression as a helper
        // while it waits, spinning instead of parking: the per-line scans of a large log run on both cores, and
        // the result is seen without a thread wake-up (0.3-0.5 ms each on a small VM). With other compressions
        // in flight the cores are busy: it parks as before.
        boolean alone = helping && largeInFlight.incrementAndGet() == 1;
        SideWork side = alone ? new SideWork() : null;
        Future<CompressionResult.Pending> f;
        try {
            f = compressing.submit(() -> side == null ? compressor.compressDeferringCounts(body, format)
                    : side.run(() -> compressor.compressDeferringCounts(body, format)));
        } catch (RejectedExecutionException e) {
            if (helping) {
                largeInFlight.decrementAndGet();
            }
            return new Compression(failOpen(body, "the proxy is shutting down"), System.nanoTime() - t0, false);
        }
        meanwhile.run();   // overlaps the compression: a second core does it while this one waits anyway
        try {
            if (side != null) {
                side.help(f, Math.min(HELP_SPIN_NANOS, config.compressionTimeout().toNanos()));
            }
            CompressionResult.Pending r = f.get(config.compressionTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return new Compression(orFailOpen(r, body), System.nanoTime() - t0, false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Compression(failOpen(body, "compression took longer than "
                    + config.compressionTimeout().toMillis() + " ms"), System.nanoTime() - t0, true);
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "compression failed; forwarding the original: {0}",
                    String.valueOf(e.getCause()));
            return new Compression(failOpen(body, String.valueOf(e.getCause())), System.nanoTime() - t0, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Compression(failOpen(body, "interrupted"), System.nanoTime() - t0, false);
        } finally {
            if (helping) {
                largeInFlight.decrementAndGet();
            }
        }
    }

    private CompressionResult.Pending orFailOpen(CompressionResult.Pending r, byte[] body) {
        return r == null || r.body() == null ? failOpen(body, "compressor returned nothing") : r;
    }

    private CompressionResult.Pending failOpen(byte[] body, String why) {
        return CompressionResult.Pending.of(CompressionResult.failOpen(body, config.model(), why));
    }

    /** The request as it will go upstream: compressed, with the retrieve tool when the conversation has it. */
    private record Prepared(byte[] body, CompressionResult.Pending result, long nanos, boolean injected,
                            RequestInfo info) {
    }

    private Prepared prepare(HttpExchange ex, byte[] body, RequestFormat format) {
        Headers h = ex.getRequestHeaders();
        if (isBypass(h)) {
            return unchanged(body, RequestInfo.scan(body));
        }
        // The proxy's own scan (model, stream, conversation) runs while the body compresses.
        RequestInfo[] scanned = new RequestInfo[1];
        Compression c = compressWithBudget(body, format, () -> scanned[0] = RequestInfo.scan(body));
        RequestInfo info = scanned[0];
        if (!info.valid()) {
            return unchanged(body, info);   // not a JSON object: the provider answers it with its own error
        }
        CompressionResult.Pending r = c.result;
        if (!r.retrievalKeys().isEmpty() && !store.retryFailed(r.retrievalKeys())) {
            // A marker whose original could not be stored (disk full, read-only) must not reach the model.
            stats.storeWriteResends.increment();
            r = failOpen(body, "the store cannot be written; the original request is sent");
        }
        return withRetrieveTool(h, format, r, c.nanos, info);
    }

    /** The request to send for {@code r}: its body, plus the retrieve tool when the conversation has it. */
    private Prepared withRetrieveTool(Headers h, RequestFormat format, CompressionResult.Pending r, long nanos,
                                      RequestInfo info) {
        byte[] send = r.body();
        boolean injected = false;
        String conversation = h.getFirst("x-headroom-session-id") != null
                ? "session:" + h.getFirst("x-headroom-session-id") : info.conversationId();
        if (config.ccr() && proxyConfig.injectRetrieveTool() && !info.definesRetrieve()) {
            boolean sticky = stickyConversations.getIfPresent(conversation) != null;
            if (sticky || !r.retrievalKeys().isEmpty()) {
                byte[] with = JsonSplice.appendToArray(send, "tools", List.of(RetrieveTool.definition(format)));
                if (with != null) {
                    send = with;
                    injected = true;
                    stickyConversations.put(conversation, Boolean.TRUE);
                }
            }
        }
        return new Prepared(send, r, nanos, injected, info);
    }

    /**
     * Waits until the originals behind the markers {@code p} sent are on disk, so no key reaches the model (or
     * the client) before a retrieve from any process can find it; true when they are (or there are none).
     */
    private boolean durable(Prepared p) {
        List<String> keys = p.result.retrievalKeys();
        return keys.isEmpty() || store.awaitDurable(keys, DURABLE_WAIT_NANOS);
    }

    private Prepared unchanged(byte[] body, RequestInfo info) {
        return new Prepared(body, CompressionResult.Pending.of(new CompressionResult(body, false, 0, 0,
                config.model(), List.of(), List.of(), false, null)), 0, false, info);
    }

    private void provider(HttpExchange ex, RequestFormat format, URI base) throws IOException {
        if (!ex.getRequestMethod().equalsIgnoreCase("POST")) {
            passthrough(ex);
            return;
        }
        sawTraffic();
        Trace trace = new Trace(format, ex.getRequestURI().getRawPath());
        int failedStatus = -1;
        try {
            providerRequest(ex, format, base, trace);
        } catch (ClientGone e) {
            failedStatus = 499;   // nginx's "client closed request": nothing (more) reached the client
            throw e;
        } catch (RuntimeException | Error e) {
            failedStatus = e instanceof UpstreamDropped ? 502 : 500;
            throw e;
        } finally {
            if (failedStatus == -1) {
                ex.close();   // the client has its whole response before the bookkeeping below runs
            }
            account(ex, trace, failedStatus);
        }
    }

    private void providerRequest(HttpExchange ex, RequestFormat format, URI base, Trace trace) throws IOException {
        byte[] body = readBody(ex, format);
        if (body == null) {
            return;
        }
        Prepared p = prepare(ex, body, format);
        trace.prepared = p;
        URI target = target(base, ex.getRequestURI());
        HttpRequest.Builder rb = upstreamRequest(ex, target);
        // The owed count overlaps the upstream's answer (usually done before its first byte); it starts once the
        // request is written, so it does not compete for a core with sending it.
        CompressionResult.Pending owed = p.result;
        HttpResponse<InputStream> resp = send(ex, format, rb, p.body,
                owed.isCounted() ? null : () -> countInBackground(owed));
        if (resp == null) {
            return;
        }
        // The store writes ran while the request went upstream; nothing of the answer reaches the client before
        // they are on disk. Should one have failed, the answer is dropped and the original request sent instead.
        // An error answer (4xx, 5xx) carries no model output, so nothing in it can ask for a key: it goes as is.
        if (resp.statusCode() < 400 && !durable(p)) {
            resp.body().close();
            stats.storeWriteResends.increment();
            p = withRetrieveTool(ex.getRequestHeaders(), format, failOpen(body,
                    "an original could not be stored; the original request was sent"), p.nanos, p.info);
            trace.prepared = p;
            resp = send(ex, format, rb, p.body, null);
            if (resp == null) {
                return;
            }
        }
        Headers out = ex.getResponseHeaders();
        copyResponseHeaders(resp, out);
        headroomHeaders(out, p.result, p.nanos);
        String contentType = resp.headers().firstValue("content-type").orElse("");
        if (resp.statusCode() >= 400) {
            stats.upstreamErrors.increment();
        }
        if (p.injected && resp.statusCode() == 200) {
            if (contentType.startsWith("text/event-stream")) {
                relayWithRetrieve(ex, format, rb, p.body, resp, trace);
            } else {
                bufferedWithRetrieve(ex, format, rb, p.body, resp, trace);
            }
            return;
        }
        relayRaw(ex, resp, contentType, trace);
    }

    private void countInBackground(CompressionResult.Pending pending) {
        if (!counting.getQueue().isEmpty() || counting.getActiveCount() >= counting.getMaximumPoolSize()) {
            // No counting thread is free: this count would not finish before the response starts, so it is
            // left to the bookkeeping after the response (one queued task per request, not two).
            return;
        }
        try {
            counting.execute(() -> {
                // A moment's grace: the upstream takes the request in now. When it runs on this machine (a local
                // model server, the benchmark's fake provider) a count started at once takes a core from it on
                // the path to the first byte; the count still ends long before any model's first token.
                LockSupport.parkNanos(COUNT_DELAY_NANOS);
                pending.result();
            });
        } catch (RejectedExecutionException e) {
            // Queue full or shutting down: nothing is lost, the bookkeeping after the response counts (or skips).
        }
    }

    /**
     * Counts the request in {@code /stats} and the ledger once its response is complete: exact token counts
     * may still be owed then (long new text is counted after the request went upstream).
     */
    private void account(HttpExchange ex, Trace trace, int failedStatus) {
        long ended = System.nanoTime();
        // A response that completed normally has its status fixed; after a failure handle() still answers.
        if (failedStatus == -1 && trace.prepared != null && !trace.prepared.result.isCounted()) {
            try {
                // The count still owed is CPU work of milliseconds: not on the connection's thread (see counting).
                counting.execute(() -> accountNow(ex, trace, failedStatus, ended));
                return;
            } catch (RejectedExecutionException e) {
                if (!counting.isShutdown()) {
                    // Overloaded: more counts are owed than the counting threads keep up with. Counting here
                    // would hold a carrier thread for milliseconds; the request is recorded without its tokens.
                    accountUncounted(ex, trace, ended);
                    return;
                }
                // shutting down: count here
            }
        }
        accountNow(ex, trace, failedStatus, ended);
    }

    private void accountUncounted(HttpExchange ex, Trace trace, long ended) {
        Prepared p = trace.prepared;
        stats.recordUncounted(p.info.model() != null ? p.info.model() : "unknown", p.result.failedOpen(), p.nanos);
        writeLedger(ex, trace, null, -1, ended);
    }

    private void accountNow(HttpExchange ex, Trace trace, int failedStatus, long ended) {
        Prepared p = trace.prepared;
        CompressionResult r = null;
        if (p != null) {
            try {
                r = p.result.result();
                stats.recordRequest(p.info.model() != null ? p.info.model() : "unknown", r.tokensBefore(),
                        r.tokensAfter(), r.savedByTransform(), r.failedOpen(), p.nanos);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot count the request: {0}", e.toString());
            }
        }
        writeLedger(ex, trace, r, failedStatus, ended);
    }

    /** What the ledger needs to know about one model request, gathered while it runs. */
    private static final class Trace {
        final Instant time = Instant.now();
        final long startNanos = System.nanoTime();
        final RequestFormat format;
        final String route;
        Prepared prepared;
        ProxyStats.Usage usage;

        Trace(RequestFormat format, String route) {
            this.format = format;
            this.route = route;
        }

        /** Adds one upstream call's usage; a request continued after headroom_retrieve makes several. */
        void add(ProxyStats.Usage u) {
            if (u == null) {
                return;
            }
            usage = usage == null ? u : new ProxyStats.Usage(usage.input() + u.input(), usage.output() + u.output(),
                    usage.cacheRead() + u.cacheRead(), usage.cacheWrite() + u.cacheWrite());
        }
    }

    /** Counts {@code u} in the stats and, for a model request, in its trace. */
    private void recordUsage(Trace trace, ProxyStats.Usage u) {
        stats.recordUsage(u);
        if (trace != null) {
            trace.add(u);
        }
    }

    /** Appends the trace's line to the ledger; a failure is counted and logged, never thrown. */
    private void writeLedger(HttpExchange ex, Trace trace, CompressionResult r, int failedStatus, long ended) {
        if (ledger == null) {
            return;
        }
        try {
            int sent = ex.getResponseCode();
            // A client that went away is logged as such; otherwise what was sent, or what handle() will send.
            int status = failedStatus == 499 ? 499 : sent != -1 ? sent : failedStatus != -1 ? failedStatus : 500;
            Prepared p = trace.prepared;
            ProxyStats.Usage u = trace.usage;
            String provider = trace.format == RequestFormat.ANTHROPIC_MESSAGES ? "anthropic" : "openai";
            ledger.append(new LedgerEntry(trace.time, provider, p == null ? null : p.info.model(), trace.route,
                    r == null ? 0 : r.tokensBefore(), r == null ? 0 : r.tokensAfter(),
                    r == null ? Map.of() : r.savedByTransform(), r == null ? Map.of() : r.savedByTool(),
                    u == null ? -1 : u.input(), u == null ? -1 : u.cacheRead(), u == null ? -1 : u.cacheWrite(),
                    u == null ? -1 : u.output(), (ended - trace.startNanos) / 1e6,
                    p == null ? 0 : p.nanos / 1e6, r != null ? r.failedOpen() : p != null && p.result.failedOpen(),
                    status));
        } catch (RuntimeException e) {
            stats.ledgerFailures.increment();
            LOG.log(System.Logger.Level.WARNING, "cannot append to the ledger {0}: {1}", ledger.file(), e.toString());
        }
    }

    private void countTokens(HttpExchange ex) throws IOException {
        sawTraffic();
        byte[] body = readBody(ex, RequestFormat.ANTHROPIC_MESSAGES);
        if (body == null) {
            return;
        }
        // Count what will really be sent: compressed, with the retrieve tool if this conversation has it.
        Prepared p = prepare(ex, body, RequestFormat.ANTHROPIC_MESSAGES);
        URI target = target(proxyConfig.anthropicApiUrl(), ex.getRequestURI());
        HttpRequest.Builder rb = upstreamRequest(ex, target);
        HttpResponse<InputStream> resp = send(ex, RequestFormat.ANTHROPIC_MESSAGES, rb, p.body);
        if (resp == null) {
            return;
        }
        copyResponseHeaders(resp, ex.getResponseHeaders());
        p.result.result();   // this route is about counts: they are exact here
        headroomHeaders(ex.getResponseHeaders(), p.result, p.nanos);
        relayRaw(ex, resp, resp.headers().firstValue("content-type").orElse(""), null);
    }

    private void passthrough(HttpExchange ex) throws IOException {
        byte[] body = readBody(ex, null);
        if (body == null) {
            return;
        }
        Headers h = ex.getRequestHeaders();
        boolean anthropic = h.containsKey("x-api-key") || h.containsKey("anthropic-version")
                || ex.getRequestURI().getRawPath().startsWith("/v1/messages");
        URI base = anthropic ? proxyConfig.anthropicApiUrl() : proxyConfig.openaiApiUrl();
        HttpRequest.Builder rb = upstreamRequest(ex, target(base, ex.getRequestURI()));
        HttpResponse<InputStream> resp = send(ex, anthropic ? RequestFormat.ANTHROPIC_MESSAGES
                : RequestFormat.OPENAI_CHAT, rb, body);
        if (resp == null) {
            return;
        }
        copyResponseHeaders(resp, ex.getResponseHeaders());
        relayRaw(ex, resp, resp.headers().firstValue("content-type").orElse(""), null);
    }

    private static URI target(URI base, URI request) {
        String q = request.getRawQuery();
        return URI.create(base.toString() + request.getRawPath() + (q == null ? "" : "?" + q));
    }

    private HttpRequest.Builder upstreamRequest(HttpExchange ex, URI target) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(target);
        if ("http".equalsIgnoreCase(target.getScheme())) {
            rb.version(HttpClient.Version.HTTP_1_1);   // no h2c upgrade dance with plain-HTTP upstreams
        }
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (REQUEST_HEADERS_DROPPED.contains(name) || name.startsWith("x-headroom-")) {
                continue;
            }
            for (String v : e.getValue()) {
                try {
                    rb.header(e.getKey(), v);
                } catch (IllegalArgumentException restricted) {
                    // The JDK client refuses a few headers it manages itself; it sets them correctly.
                }
            }
        }
        rb.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        return rb;
    }

    private HttpResponse<InputStream> send(HttpExchange ex, RequestFormat format, HttpRequest.Builder rb,
                                           byte[] body) throws IOException {
        return send(ex, format, rb, body, null);
    }

    /**
     * Sends upstream, running {@code afterWrite} (may be null) once the request is on its way; on a connection
     * failure answers 502 in the provider's error shape and returns null.
     */
    private HttpResponse<InputStream> send(HttpExchange ex, RequestFormat format, HttpRequest.Builder rb,
                                           byte[] body, Runnable afterWrite) throws IOException {
        boolean noBody = body.length == 0 && !hasBody(ex);
        HttpRequest req = rb.copy().method(ex.getRequestMethod(), noBody
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return call(req, noBody ? null : body, afterWrite);
        } catch (IOException e) {
            stats.upstreamErrors.increment();
            String msg = "headroom proxy could not reach the upstream " + req.uri().getScheme() + "://"
                    + req.uri().getAuthority() + ": " + e;
            JsonNode err = format == RequestFormat.ANTHROPIC_MESSAGES ? anthropicError("api_error", msg)
                    : error("upstream_connection_error", msg);
            respondJson(ex, 502, err);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone("interrupted");
        }
    }

    /**
     * Calls upstream: plain HTTP with the own blocking client (request written and response read on this
     * thread), HTTPS with the JDK client and its worker pool. {@code body} (null: none) is what {@code req}
     * publishes; {@code afterWrite} (may be null) runs once the request is on its way.
     */
    private HttpResponse<InputStream> call(HttpRequest req, byte[] body, Runnable afterWrite)
            throws IOException, InterruptedException {
        boolean plain = "http".equalsIgnoreCase(req.uri().getScheme());
        if (plain && blockingClient != null) {
            return blockingClient.send(req, body, afterWrite);
        }
        if (afterWrite != null) {
            afterWrite.run();   // the JDK client writes on its own thread: no later moment to hook into
        }
        return (plain ? plainClient : client).send(req, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static boolean hasBody(HttpExchange ex) {
        String m = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        return m.equals("POST") || m.equals("PUT") || m.equals("PATCH");
    }

    private static void copyResponseHeaders(HttpResponse<?> resp, Headers out) {
        resp.headers().map().forEach((name, values) -> {
            if (!RESPONSE_HEADERS_DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, new ArrayList<>(values));
            }
        });
    }

    /**
     * The {@code x-headroom-*} response headers. Token counts still owed (long text never counted before,
     * counted after the request went upstream) are not waited for: the count headers are then left out and
     * {@code x-headroom-tokens-pending: true} says so; {@code /stats} and the ledger get the exact counts.
     */
    private static void headroomHeaders(Headers out, CompressionResult.Pending p, long nanos) {
        if (p.isCounted()) {
            CompressionResult r = p.result();
            out.set("x-headroom-tokens-before", Long.toString(r.tokensBefore()));
            out.set("x-headroom-tokens-after", Long.toString(r.tokensAfter()));
            out.set("x-headroom-tokens-saved", Long.toString(r.tokensSaved()));
        } else {
            out.set("x-headroom-tokens-pending", "true");
        }
        List<String> applied = p.appliedTransforms();
        out.set("x-headroom-transforms", applied.isEmpty() ? "none" : String.join(",", applied));
        out.set("x-headroom-overhead-ms", millis(nanos));
        if (p.failedOpen()) {
            out.set("x-headroom-compression-failed", "true");
        }
    }

    /** Nanoseconds as milliseconds with three decimals, without the cost of a {@code Formatter}. */
    static String millis(long nanos) {
        long micros = Math.max(0, (nanos + 500) / 1000);
        String frac = Long.toString(micros % 1000);
        return micros / 1000 + "." + "000".substring(frac.length()) + frac;
    }

    // ------------------------------------------------------------------------------------------------------
    // Relaying

    /** Copies the upstream body to the client as it arrives, flushing per read, reading usage on the side. */
    private void relayRaw(HttpExchange ex, HttpResponse<InputStream> resp, String contentType, Trace trace)
            throws IOException {
        InputStream in = resp.body();
        long length = resp.headers().firstValueAsLong("content-length").orElse(-1);
        boolean noBody = ex.getRequestMethod().equalsIgnoreCase("HEAD") || resp.statusCode() == 204
                || resp.statusCode() == 304;
        try {
            ex.sendResponseHeaders(resp.statusCode(), noBody || length == 0 ? -1 : Math.max(length, 0));
        } catch (IOException e) {
            in.close();
            throw new ClientGone(e.toString());
        }
        if (noBody || length == 0) {
            in.close();
            return;
        }
        UsageTap tap = new UsageTap(contentType);
        OutputStream os = ex.getResponseBody();
        byte[] buf = new byte[16 * 1024];
        try (in) {
            boolean ended = false;
            while (!ended) {
                int n;
                try {
                    n = in.read(buf);
                    // Bytes that have already arrived go out with this write: one flush (one chunk, one
                    // syscall) for them all. Nothing waits for bytes that have not arrived.
                    while (n >= 0 && n < buf.length && in.available() > 0) {
                        int more = in.read(buf, n, buf.length - n);
                        if (more < 0) {
                            ended = true;
                            break;
                        }
                        n += more;
                    }
                } catch (IOException e) {
                    throw new UpstreamDropped(e.toString());
                }
                if (n < 0) {
                    break;
                }
                try {
                    os.write(buf, 0, n);
                    os.flush();
                } catch (IOException e) {
                    throw new ClientGone(e.toString());   // closing `in` below cancels the upstream call
                }
                tap.feed(buf, n);
            }
        }
        recordUsage(trace, tap.usage());
    }

    private StreamRelay.Answerer answerer() {
        return call -> {
            RetrieveTool.Answer a = RetrieveTool.answer(call, store);
            stats.recordRetrieval(a.found());
            return a;
        };
    }

    private void relayWithRetrieve(HttpExchange ex, RequestFormat format, HttpRequest.Builder rb, byte[] sent,
                                   HttpResponse<InputStream> first, Trace trace) throws IOException {
        try {
            ex.sendResponseHeaders(200, 0);
        } catch (IOException e) {
            first.body().close();
            throw new ClientGone(e.toString());
        }
        OutputStream os = ex.getResponseBody();
        StreamRelay.Sink sink = bytes -> {
            try {
                os.write(bytes);
                os.flush();
            } catch (IOException e) {
                throw new ClientGone(e.toString());
            }
        };
        StreamRelay relay = switch (format) {
            case ANTHROPIC_MESSAGES -> new StreamRelay.Anthropic(sink, answerer());
            case OPENAI_CHAT -> new StreamRelay.OpenAiChat(sink, answerer());
            case OPENAI_RESPONSES -> new StreamRelay.Responses(sink, answerer());
        };
        HttpResponse<InputStream> resp = first;
        byte[] body = sent;
        int rounds = 0;
        while (true) {
            List<String> next;
            try (InputStream in = resp.body()) {
                next = relay.relay(new UpstreamInput(in), rounds < proxyConfig.maxRetrievalRounds());
            }
            if (next == null) {
                break;
            }
            rounds++;
            body = appendConversation(body, relay.conversationField(), next);
            if (body == null) {
                throw new UpstreamDropped("cannot append the retrieve round to the request");
            }
            HttpRequest req = rb.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                resp = call(req, body, null);
            } catch (IOException e) {
                relay.writeError(502, ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientGone("interrupted");
            }
            if (resp.statusCode() != 200) {
                byte[] err;
                try (InputStream in = resp.body()) {
                    err = in.readNBytes(1 << 20);
                }
                stats.upstreamErrors.increment();
                relay.writeError(resp.statusCode(), err);
                break;
            }
        }
        recordUsage(trace, relay.usage);
    }

    private void bufferedWithRetrieve(HttpExchange ex, RequestFormat format, HttpRequest.Builder rb, byte[] sent,
                                      HttpResponse<InputStream> first, Trace trace) throws IOException {
        byte[] bytes;
        try (InputStream in = first.body()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UpstreamDropped(e.toString());
        }
        JsonNode response = StreamRelay.parseBytes(bytes);
        byte[] body = sent;
        List<JsonNode> visible = new ArrayList<>();
        boolean rewritten = false;
        int rounds = 0;
        HttpResponse<InputStream> last = first;
        while (response != null) {
            recordUsage(trace, Usages.of(response.path("usage"), null));
            BufferedRetrieve.Decision d = BufferedRetrieve.decide(format, response, answerer());
            if (d.kind() == BufferedRetrieve.Kind.NONE) {
                break;
            }
            if (d.kind() == BufferedRetrieve.Kind.MIXED || rounds >= proxyConfig.maxRetrievalRounds()) {
                if (d.kind() == BufferedRetrieve.Kind.MIXED) {
                    response = d.response();
                    rewritten = true;
                }
                break;
            }
            rounds++;
            visible.addAll(d.visible());
            String field = format == RequestFormat.OPENAI_RESPONSES ? "input" : "messages";
            byte[] next = appendConversation(body, field, d.append());
            if (next == null) {
                break;
            }
            body = next;
            HttpResponse<InputStream> resp;
            try {
                HttpRequest req = rb.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                resp = call(req, body, null);
            } catch (IOException e) {
                respondJson(ex, 502, format == RequestFormat.ANTHROPIC_MESSAGES
                        ? anthropicError("api_error", "headroom proxy lost the upstream while continuing after"
                        + " headroom_retrieve: " + e) : error("upstream_connection_error", e.toString()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientGone("interrupted");
            }
            last = resp;
            try (InputStream in = resp.body()) {
                bytes = in.readAllBytes();
            }
            if (resp.statusCode() != 200) {
                // The continuation failed: the client gets that failure verbatim, as for any upstream error.
                stats.upstreamErrors.increment();
                Headers h = ex.getResponseHeaders();
                h.keySet().removeIf(k -> !k.toLowerCase(Locale.ROOT).startsWith("x-headroom-"));
                copyResponseHeaders(resp, h);
                respond(ex, resp.statusCode(), null, bytes);
                return;
            }
            response = StreamRelay.parseBytes(bytes);
            rewritten = true;
        }
        if (rewritten && response != null && format == RequestFormat.ANTHROPIC_MESSAGES && !visible.isEmpty()) {
            ObjectNode copy = ((ObjectNode) response).deepCopy();
            ArrayNode content = JSON.createArrayNode();
            visible.forEach(content::add);
            response.path("content").forEach(content::add);
            copy.set("content", content);
            response = copy;
        }
        if (rewritten && response != null) {
            bytes = JSON.writeValueAsBytes(response);
        }
        Headers h = ex.getResponseHeaders();
        if (last != first) {
            h.keySet().removeIf(k -> !k.toLowerCase(Locale.ROOT).startsWith("x-headroom-"));
            copyResponseHeaders(last, h);
        }
        respond(ex, 200, null, bytes);
    }

    /** Appends items to the conversation array; a Responses {@code input} given as a string becomes a list. */
    private static byte[] appendConversation(byte[] body, String field, List<String> items) {
        JsonSplice.Range r = JsonSplice.topLevelValue(body, field);
        if (r != null && body[r.start()] == '"') {
            String text = new String(body, r.start(), r.end() - r.start(), StandardCharsets.UTF_8);
            String asList = "[{\"role\":\"user\",\"content\":" + text + "}]";
            body = JsonSplice.replaceValue(body, field, asList);
        }
        return JsonSplice.appendToArray(body, field, items);
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    /** Reads the request body up to the cap; answers 413 and returns null when it is larger. */
    private byte[] readBody(HttpExchange ex, RequestFormat format) throws IOException {
        long max = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        byte[] body;
        if (length > max) {
            body = null;
        } else {
            try (InputStream in = ex.getRequestBody()) {
                if (length >= 0) {
                    // One right-sized array, filled in place: no growing buffers, no final copy.
                    body = new byte[(int) length];
                    if (in.readNBytes(body, 0, body.length) < body.length) {
                        throw new ClientGone("request body ended before its Content-Length");
                    }
                } else {
                    body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                }
            } catch (ClientGone e) {
                throw e;
            } catch (IOException e) {
                throw new ClientGone(e.toString());
            }
            if (body.length > max) {
                body = null;
            }
        }
        if (body == null) {
            stats.tooLarge.increment();
            String msg = "request body is larger than the proxy's limit of " + max + " bytes (max-body-bytes)";
            respondJson(ex, 413, format == RequestFormat.ANTHROPIC_MESSAGES
                    ? anthropicError("request_too_large", msg) : error("request_too_large", msg));
            return null;
        }
        return body;
    }

    private static boolean isBypass(Headers h) {
        return "true".equalsIgnoreCase(h.getFirst("x-headroom-bypass"))
                || "passthrough".equalsIgnoreCase(h.getFirst("x-headroom-mode"));
    }

    private long safeStoreSize() {
        try {
            return store.size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("message", message);
        e.put("type", type);
        return n;
    }

    private static ObjectNode anthropicError(String type, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "error");
        ObjectNode e = n.putObject("error");
        e.put("type", type);
        e.put("message", message);
        return n;
    }

    private static void respondJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        respond(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        try {
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                OutputStream os = ex.getResponseBody();
                os.write(body);
                os.flush();
            }
        } catch (IOException e) {
            throw new ClientGone(e.toString());
        }
    }

    static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The client connection failed; nothing more can be sent. */
    static final class ClientGone extends IOException {
        ClientGone(String message) {
            super(message);
        }
    }

    /** The upstream connection failed after the response began; the client's connection is dropped too. */
    static final class UpstreamDropped extends RuntimeException {
        UpstreamDropped(String message) {
            super(message);
        }
    }

    /** An upstream body whose read failures become {@link UpstreamDropped}, so they are told from client ones. */
    private static final class UpstreamInput extends InputStream {
        private final InputStream in;

        UpstreamInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new UpstreamDropped(e.toString());
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new UpstreamDropped(e.toString());
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Reads provider usage from a response body on the side, without holding the body. */
    private static final class UsageTap {
        private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.UTF_8);
        private final SseEvents sse;
        private final ByteArrayOutputStream json;
        private ProxyStats.Usage usage;

        UsageTap(String contentType) {
            boolean isSse = contentType.startsWith("text/event-stream");
            this.sse = isSse ? new SseEvents() : null;
            this.json = !isSse && contentType.startsWith("application/json") ? new ByteArrayOutputStream() : null;
        }

        void feed(byte[] buf, int n) {
            if (sse != null) {
                // Only the events that carry usage (two or three per stream) are decoded and parsed.
                for (byte[] raw : sse.feedRaw(buf, 0, n)) {
                    if (!SseEvents.contains(raw, USAGE)) {
                        continue;
                    }
                    SseEvents.Event e = SseEvents.parse(raw);
                    if (e.data() != null && e.data().contains("\"usage\"")) {
                        JsonNode d = StreamRelay.parse(e.data());
                        if (d != null) {
                            JsonNode u = d.has("usage") ? d.path("usage")
                                    : d.path("message").has("usage") ? d.path("message").path("usage")
                                    : d.path("response").path("usage");
                            usage = Usages.of(u, usage);
                        }
                    }
                }
            } else if (json != null && json.size() + n <= 8 * 1024 * 1024) {
                json.write(buf, 0, n);
            }
        }

        ProxyStats.Usage usage() {
            if (json != null && json.size() > 0) {
                JsonNode n = StreamRelay.parseBytes(json.toByteArray());
                if (n != null) {
                    return Usages.of(n.path("usage"), null);
                }
            }
            return usage;
        }
    }
}
