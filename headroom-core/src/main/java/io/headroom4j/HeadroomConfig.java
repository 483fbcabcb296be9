package io.headroom4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one immutable set of settings shared by the library, the proxy, the MCP server and the CLI, so a
 * flag such as {@link #lossless()} means the same everywhere.
 *
 * <p>Build it with {@link #builder()}, or derive a variant with {@link #toBuilder()}. Every setter checks
 * its value at once and names it in the exception. Settings can also come from key/value sources (a
 * config file, environment variables, command-line flags) through {@link Builder#apply}; each key is the
 * kebab-case name of an accessor ({@code min-tokens}), and the environment variable is the same name
 * upper-cased with {@code HEADROOM_} in front ({@code HEADROOM_MIN_TOKENS}). The builder remembers where
 * each value came from, for {@code headroom doctor}. Precedence is the order of application: apply
 * defaults, then the file, then the environment, then flags.
 */
public final class HeadroomConfig {

    /** Keys understood by {@link Builder#apply}, in the order {@code doctor} lists them. */
    public static final List<String> KEYS = List.of(
            "mode", "lossless", "ccr", "min-tokens", "lossy-min-tokens", "json-table-min-savings",
            "protect-user-messages", "protect-system-messages", "protect-cache-prefix", "protect-recent", "excluded-tools",
            "model", "compression-timeout-ms", "store-ttl-hours", "workspace-dir", "max-body-bytes",
            "neural-model");

    private final Mode mode;
    private final boolean lossless;
    private final boolean ccr;
    private final int minTokens;
    private final int lossyMinTokens;
    private final double jsonTableMinSavings;
    private final boolean protectUserMessages;
    private final boolean protectSystemMessages;
    private final boolean protectCachePrefix;
    private final int protectRecent;
    private final Set<String> excludedTools;
    private final String model;
    private final Duration compressionTimeout;
    private final Duration storeTtl;
    private final Path workspaceDir;
    private final long maxBodyBytes;
    private final String neuralModel;
    private final Map<String, String> origins;

    private HeadroomConfig(Builder b) {
        this.mode = b.mode;
        this.lossless = b.lossless;
        this.ccr = b.ccr;
        this.minTokens = b.minTokens;
        this.lossyMinTokens = b.lossyMinTokens;
        this.jsonTableMinSavings = b.jsonTableMinSavings;
        this.protectUserMessages = b.protectUserMessages;
        this.protectSystemMessages = b.protectSystemMessages;
        this.protectCachePrefix = b.protectCachePrefix;
        this.protectRecent = b.protectRecent;
        this.excludedTools = Collections.unmodifiableSet(new LinkedHashSet<>(b.excludedTools));
        this.model = b.model;
        this.compressionTimeout = b.compressionTimeout;
        this.storeTtl = b.storeTtl;
        this.workspaceDir = b.workspaceDir;
        this.maxBodyBytes = b.maxBodyBytes;
        this.neuralModel = b.neuralModel;
        this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(b.origins));
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static HeadroomConfig defaults() {
        return builder().build();
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Which parts of a conversation may change. Default {@link Mode#CACHE}. */
    public Mode mode() {
        return mode;
    }

    /** True allows only transforms whose output decodes back to the input. Default false. */
    public boolean lossless() {
        return lossless;
    }

    /**
     * True keeps omitted originals in the store and marks omissions with retrieval keys. False forbids
     * dropping anything, since nothing could be brought back: only lossless transforms run. Default true.
     */
    public boolean ccr() {
        return ccr;
    }

    /** Content under this many tokens is left as it is. Default 200. */
    public int minTokens() {
        return minTokens;
    }

    /** Lossy transforms run only on content of at least this many tokens. Default 1,000. */
    public int lossyMinTokens() {
        return lossyMinTokens;
    }

    /** A lossless JSON table is used only when it saves at least this fraction of tokens. Default 0.30. */
    public double jsonTableMinSavings() {
        return jsonTableMinSavings;
    }

    /** True leaves user messages untouched. Default true. */
    public boolean protectUserMessages() {
        return protectUserMessages;
    }

    /** True leaves system and developer messages untouched. Default true. */
    public boolean protectSystemMessages() {
        return protectSystemMessages;
    }

    /**
     * True leaves everything at or before the last {@code cache_control} breakpoint untouched: the client
     * asked the provider to cache exactly those bytes. Default true.
     */
    public boolean protectCachePrefix() {
        return protectCachePrefix;
    }

    /** Source code in the newest this-many messages is never reduced to signatures. Default 4. */
    public int protectRecent() {
        return protectRecent;
    }

    /**
     * Tools whose output is never touched; names compare case-insensitively and may end in {@code *}.
     * Default {@code Read, Write, Edit, MultiEdit, NotebookEdit}: agents edit files by quoting what Read
     * showed, so a shortened Read result breaks their next edit.
     */
    public Set<String> excludedTools() {
        return excludedTools;
    }

    /** The model assumed for token counting when a request names none. Default {@code gpt-4o}. */
    public String model() {
        return model;
    }

    /** Compression taking longer than this forwards the original instead. Default 2 s. */
    public Duration compressionTimeout() {
        return compressionTimeout;
    }

    /**
     * How long stored originals stay retrievable after they were last stored, and remembered compressions
     * (the memo) after they were last used; a remembered compression in use keeps its originals alive.
     * Default 24 h.
     */
    public Duration storeTtl() {
        return storeTtl;
    }

    /** Where the store, ledger and logs live. Default {@code $HEADROOM_WORKSPACE_DIR} or {@code ~/.headroom4j}. */
    public Path workspaceDir() {
        return workspaceDir;
    }

    /** Request bodies above this many bytes are refused by the proxy with 413. Default 32 MiB. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Optional neural relevance model for prose: empty (off, the default), {@code minilm} for the bundled
     * MiniLM sentence model, or a directory holding {@code model.onnx} and {@code tokenizer.json}.
     */
    public String neuralModel() {
        return neuralModel;
    }

    /** True when {@code toolName} matches one of {@link #excludedTools()}. */
    public boolean isExcludedTool(String toolName) {
        if (toolName == null || toolName.isEmpty()) {
            return false;
        }
        String name = toolName.toLowerCase(Locale.ROOT);
        for (String pattern : excludedTools) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Where each setting came from ({@code default}, a file path, {@code env}, {@code flag}), by key. */
    public Map<String, String> origins() {
        return origins;
    }

    /** Each setting's value as text, by key, in {@link #KEYS} order. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("lossless", Boolean.toString(lossless));
        m.put("ccr", Boolean.toString(ccr));
        m.put("min-tokens", Integer.toString(minTokens));
        m.put("lossy-min-tokens", Integer.toString(lossyMinTokens));
        m.put("json-table-min-savings", Double.toString(jsonTableMinSavings));
        m.put("protect-user-messages", Boolean.toString(protectUserMessages));
        m.put("protect-system-messages", Boolean.toString(protectSystemMessages));
        m.put("protect-cache-prefix", Boolean.toString(protectCachePrefix));
        m.put("protect-recent", Integer.toString(protectRecent));
        m.put("excluded-tools", String.join(",", excludedTools));
        m.put("model", model);
        m.put("compression-timeout-ms", Long.toString(compressionTimeout.toMillis()));
        m.put("store-ttl-hours", Long.toString(storeTtl.toHours()));
        m.put("workspace-dir", workspaceDir.toString());
        m.put("max-body-bytes", Long.toString(maxBodyBytes));
        m.put("neural-model", neuralModel);
        return m;
    }

    @Override
    public String toString() {
        return "HeadroomConfig" + describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadroomConfig other && describe().equals(other.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    /** Builds a {@link HeadroomConfig}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private Mode mode = Mode.CACHE;
        private boolean lossless;
        private boolean ccr = true;
        private int minTokens = 200;
        private int lossyMinTokens = 1_000;
        private double jsonTableMinSavings = 0.30;
        private boolean protectUserMessages = true;
        private boolean protectSystemMessages = true;
        private boolean protectCachePrefix = true;
        private int protectRecent = 4;
        private Set<String> excludedTools = new LinkedHashSet<>(
                List.of("Read", "Write", "Edit", "MultiEdit", "NotebookEdit"));
        private String model = "gpt-4o";
        private Duration compressionTimeout = Duration.ofSeconds(2);
        private Duration storeTtl = Duration.ofHours(24);
        private Path workspaceDir = defaultWorkspace(System.getenv());
        private long maxBodyBytes = 32L * 1024 * 1024;
        private String neuralModel = "";
        private final Map<String, String> origins = new LinkedHashMap<>();

        private Builder() {
            for (String key : KEYS) {
                origins.put(key, "default");
            }
        }

        private Builder(HeadroomConfig c) {
            mode = c.mode;
            lossless = c.lossless;
            ccr = c.ccr;
            minTokens = c.minTokens;
            lossyMinTokens = c.lossyMinTokens;
            jsonTableMinSavings = c.jsonTableMinSavings;
            protectUserMessages = c.protectUserMessages;
            protectSystemMessages = c.protectSystemMessages;
            protectCachePrefix = c.protectCachePrefix;
            protectRecent = c.protectRecent;
            excludedTools = new LinkedHashSet<>(c.excludedTools);
            model = c.model;
            compressionTimeout = c.compressionTimeout;
            storeTtl = c.storeTtl;
            workspaceDir = c.workspaceDir;
            maxBodyBytes = c.maxBodyBytes;
            neuralModel = c.neuralModel;
            origins.putAll(c.origins);
        }

        static Path defaultWorkspace(Map<String, String> env) {
            String dir = env.get("HEADROOM_WORKSPACE_DIR");
            if (dir != null && !dir.isBlank()) {
                return Path.of(dir);
            }
            return Path.of(System.getProperty("user.home", "."), ".headroom4j");
        }

        public Builder mode(Mode value) {
            mode = require(value, "mode");
            return this;
        }

        public Builder lossless(boolean value) {
            lossless = value;
            return this;
        }

        public Builder ccr(boolean value) {
            ccr = value;
            return this;
        }

        public Builder minTokens(int value) {
            minTokens = requireNonNegative(value, "minTokens");
            return this;
        }

        public Builder lossyMinTokens(int value) {
            lossyMinTokens = requireNonNegative(value, "lossyMinTokens");
            return this;
        }

        public Builder jsonTableMinSavings(double value) {
            if (!(value >= 0.0 && value < 1.0)) {
                throw new IllegalArgumentException("jsonTableMinSavings must be in [0, 1), got " + value);
            }
            jsonTableMinSavings = value;
            return this;
        }

        public Builder protectUserMessages(boolean value) {
            protectUserMessages = value;
            return this;
        }

        public Builder protectSystemMessages(boolean value) {
            protectSystemMessages = value;
            return this;
        }

        public Builder protectCachePrefix(boolean value) {
            protectCachePrefix = value;
            return this;
        }

        public Builder protectRecent(int value) {
            protectRecent = requireNonNegative(value, "protectRecent");
            return this;
        }

        public Builder excludedTools(Set<String> value) {
            require(value, "excludedTools");
            for (String tool : value) {
                if (tool == null || tool.isBlank()) {
                    throw new IllegalArgumentException("excludedTools must not contain blank names");
                }
            }
            excludedTools = new LinkedHashSet<>(value);
            return this;
        }

        public Builder model(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            model = value;
            return this;
        }

        public Builder compressionTimeout(Duration value) {
            require(value, "compressionTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("compressionTimeout must be positive, got " + value);
            }
            compressionTimeout = value;
            return this;
        }

        public Builder storeTtl(Duration value) {
            require(value, "storeTtl");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("storeTtl must be positive, got " + value);
            }
            storeTtl = value;
            return this;
        }

        public Builder workspaceDir(Path value) {
            workspaceDir = require(value, "workspaceDir");
            return this;
        }

        public Builder maxBodyBytes(long value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + value);
            }
            maxBodyBytes = value;
            return this;
        }

        public Builder neuralModel(String value) {
            neuralModel = value == null ? "" : value.trim();
            return this;
        }

        /**
         * Applies key/value settings from one source, such as a config file or the environment, and
         * records {@code origin} for each key set.
         *
         * @param values settings by kebab-case key ({@code min-tokens}); unknown keys are rejected
         * @throws IllegalArgumentException naming the key and the source for an unknown key or bad value
         */
        public Builder apply(Map<String, String> values, String origin) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                String key = e.getKey().trim().toLowerCase(Locale.ROOT).replace('_', '-');
                String v = e.getValue() == null ? "" : e.getValue().trim();
                try {
                    set(key, v);
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException(
                            "bad setting '" + key + "' = '" + v + "' from " + origin + ": " + ex.getMessage(), ex);
                }
                origins.put(key, origin);
            }
            return this;
        }

        /**
         * Applies every {@code HEADROOM_*} variable of {@code env} that names a known key; other
         * {@code HEADROOM_*} variables (such as {@code HEADROOM_WORKSPACE_DIR}'s neighbours used by
         * other tools) are ignored.
         */
        public Builder applyEnvironment(Map<String, String> env) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : KEYS) {
                String name = "HEADROOM_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
                String v = env.get(name);
                if (v != null) {
                    values.put(key, v);
                }
            }
            return apply(values, "env");
        }

        private void set(String key, String v) {
            switch (key) {
                case "mode" -> mode(Mode.valueOf(v.toUpperCase(Locale.ROOT)));
                case "lossless" -> lossless(parseBoolean(v));
                case "ccr" -> ccr(parseBoolean(v));
                case "min-tokens" -> minTokens(Integer.parseInt(v));
                case "lossy-min-tokens" -> lossyMinTokens(Integer.parseInt(v));
                case "json-table-min-savings" -> jsonTableMinSavings(Double.parseDouble(v));
                case "protect-user-messages" -> protectUserMessages(parseBoolean(v));
                case "protect-system-messages" -> protectSystemMessages(parseBoolean(v));
                case "protect-cache-prefix" -> protectCachePrefix(parseBoolean(v));
                case "protect-recent" -> protectRecent(Integer.parseInt(v));
                case "excluded-tools" -> {
                    Set<String> tools = new LinkedHashSet<>();
                    for (String t : v.split(",")) {
                        if (!t.isBlank()) {
                            tools.add(t.trim());
                        }
                    }
                    excludedTools(tools);
                }
                case "model" -> model(v);
                case "compression-timeout-ms" -> compressionTimeout(Duration.ofMillis(Long.parseLong(v)));
                case "store-ttl-hours" -> storeTtl(Duration.ofHours(Long.parseLong(v)));
                case "workspace-dir" -> workspaceDir(Path.of(v));
                case "max-body-bytes" -> maxBodyBytes(Long.parseLong(v));
                case "neural-model" -> neuralModel(v);
                default -> throw new IllegalArgumentException("unknown setting; known: " + String.join(", ", KEYS));
            }
        }

        private static boolean parseBoolean(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }

        private static <T> T require(T value, String name) {
            if (value == null) {
                throw new NullPointerException(name + " must not be null");
            }
            return value;
        }

        private static int requireNonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        /** The config; the builder can be used again afterwards. */
        public HeadroomConfig build() {
            if (lossyMinTokens < minTokens) {
                throw new IllegalStateException("lossyMinTokens (" + lossyMinTokens
                        + ") must not be below minTokens (" + minTokens + ")");
            }
            return new HeadroomConfig(this);
        }
    }
}
