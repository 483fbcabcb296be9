package io.headroom4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import picocli.CommandLine.Option;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;

/**
 * The options every command that reads the configuration shares ({@code --config}, {@code --workspace}),
 * and the one place that turns them, the environment and the defaults into a {@link HeadroomConfig}.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings (default: $HEADROOM_CONFIG).")
    Path configFile;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Where the store, ledger and logs live (default: $HEADROOM_WORKSPACE_DIR or ~/.headroom4j).")
    Path workspace;

    /** The config from defaults, the file, the environment and these flags, in that order of precedence. */
    public HeadroomConfig load(Map<String, String> env) {
        HeadroomConfig.Builder b = HeadroomConfig.builder();
        Path file = configFile;
        if (file == null && env.get("HEADROOM_CONFIG") != null && !env.get("HEADROOM_CONFIG").isBlank()) {
            file = Path.of(env.get("HEADROOM_CONFIG").trim());
        }
        if (file != null) {
            b.apply(readProperties(file), file.toString());
        }
        b.applyEnvironment(env);
        if (workspace != null) {
            b.apply(Map.of("workspace-dir", workspace.toString()), "flag");
        }
        return b.build();
    }

    /** The store shared by the proxy, the MCP server and the CLI for {@code config}. */
    public static CompressionStore openStore(HeadroomConfig config) {
        return new InMemoryCompressionStore(config.storeTtl(), 256L * 1024 * 1024);
    }

    static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
