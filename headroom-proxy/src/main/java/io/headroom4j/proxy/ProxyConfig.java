package io.headroom4j.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The proxy's own settings: where it listens and where it forwards. Compression settings live in the
 * shared {@link io.headroom4j.HeadroomConfig}. Immutable; build with {@link #builder()}.
 *
 * @param host                 the address to bind; default {@code 127.0.0.1} (loopback only)
 * @param port                 the port; 0 picks a free one; default 8787
 * @param openaiApiUrl         base of the OpenAI-compatible upstream, without {@code /v1}; default
 *                             {@code https://api.openai.com}
 * @param anthropicApiUrl      base of the Anthropic upstream, without {@code /v1}; default
 *                             {@code https://api.anthropic.com}
 * @param connectTimeout       upstream connect timeout; default 10 s
 * @param injectRetrieveTool   true adds {@code headroom_retrieve} to requests that carry retrieval keys;
 *                             default true
 * @param maxRetrievalRounds   how many times in a row the proxy answers retrieve calls itself before it
 *                             hands the response to the client; default 3
 * @param warmUp               true runs the request path over built-in synthetic requests on a background thread
 *                             right after the start, until the first model request arrives (at most 6 rounds,
 *                             30 s), so that request does not pay for class loading and interpreted code; default
 *                             true (see {@link WarmUp})
 */
public record ProxyConfig(String host, int port, URI openaiApiUrl, URI anthropicApiUrl, Duration connectTimeout,
                          boolean injectRetrieveTool, int maxRetrievalRounds, boolean warmUp) {

    /** The default port. */
    public static final int DEFAULT_PORT = 8787;

    public ProxyConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        openaiApiUrl = normalise(Objects.requireNonNull(openaiApiUrl, "openaiApiUrl"), "openaiApiUrl");
        anthropicApiUrl = normalise(Objects.requireNonNull(anthropicApiUrl, "anthropicApiUrl"), "anthropicApiUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxRetrievalRounds < 0) {
            throw new IllegalArgumentException("maxRetrievalRounds must not be negative, got " + maxRetrievalRounds);
        }
    }

    /** The defaults. */
    public static ProxyConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.openaiApiUrl = openaiApiUrl;
        b.anthropicApiUrl = anthropicApiUrl;
        b.connectTimeout = connectTimeout;
        b.injectRetrieveTool = injectRetrieveTool;
        b.maxRetrievalRounds = maxRetrievalRounds;
        b.warmUp = warmUp;
        return b;
    }

    /**
     * Strips a trailing {@code /} and a trailing {@code /v1}: the proxy appends the request's own path,
     * so {@code https://api.openai.com/v1} and {@code https://api.openai.com} mean the same.
     */
    static URI normalise(URI uri, String name) {
        String s = uri.toString();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(name + " must be an http or https URL, got " + s);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/v1")) {
            s = s.substring(0, s.length() - 3);
        }
        return URI.create(s);
    }

    /** Builds a {@link ProxyConfig}; setters check their arguments. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private URI openaiApiUrl = URI.create("https://api.openai.com");
        private URI anthropicApiUrl = URI.create("https://api.anthropic.com");
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean injectRetrieveTool = true;
        private int maxRetrievalRounds = 3;
        private boolean warmUp = true;

        private Builder() {
        }

        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder openaiApiUrl(String value) {
            openaiApiUrl = normalise(URI.create(value), "openaiApiUrl");
            return this;
        }

        public Builder anthropicApiUrl(String value) {
            anthropicApiUrl = normalise(URI.create(value), "anthropicApiUrl");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        public Builder injectRetrieveTool(boolean value) {
            injectRetrieveTool = value;
            return this;
        }

        public Builder maxRetrievalRounds(int value) {
            maxRetrievalRounds = value;
            return this;
        }

        /** Whether to warm the request path up right after the start (see {@link ProxyConfig#warmUp()}). */
        public Builder warmUp(boolean value) {
            warmUp = value;
            return this;
        }

        /**
         * Applies {@code HEADROOM_HOST}, {@code HEADROOM_PORT}, {@code OPENAI_TARGET_API_URL},
         * {@code ANTHROPIC_TARGET_API_URL} and {@code HEADROOM_WARMUP} ({@code false}, {@code 0} or {@code off}
         * turn the warm-up off) when present.
         */
        public Builder applyEnvironment(Map<String, String> env) {
            if (env.get("HEADROOM_HOST") != null) {
                host(env.get("HEADROOM_HOST"));
            }
            if (env.get("HEADROOM_PORT") != null) {
                port(Integer.parseInt(env.get("HEADROOM_PORT").trim()));
            }
            if (env.get("OPENAI_TARGET_API_URL") != null) {
                openaiApiUrl(env.get("OPENAI_TARGET_API_URL").trim());
            }
            if (env.get("ANTHROPIC_TARGET_API_URL") != null) {
                anthropicApiUrl(env.get("ANTHROPIC_TARGET_API_URL").trim());
            }
            String warm = env.get("HEADROOM_WARMUP");
            if (warm != null) {
                String w = warm.trim().toLowerCase(Locale.ROOT);
                warmUp(!(w.equals("false") || w.equals("0") || w.equals("off") || w.equals("no")));
            }
            return this;
        }

        public ProxyConfig build() {
            return new ProxyConfig(host, port, openaiApiUrl, anthropicApiUrl, connectTimeout, injectRetrieveTool,
                    maxRetrievalRounds, warmUp);
        }
    }
}
