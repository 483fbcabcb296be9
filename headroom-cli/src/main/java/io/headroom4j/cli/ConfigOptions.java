package io.headroom4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.headroom4j.ConfigLoader;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;

/**
 * The options every command that reads the configuration shares ({@code --config}, {@code --workspace},
 * {@code --set}). Precedence is resolved in one place, {@link ConfigLoader}: defaults, then the config
 * file, then {@code HEADROOM_*} variables, then flags.
 */
public final class ConfigOptions {

    /** The command this mixin is part of, so a bad setting is reported as that command's usage error. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings, keys as `headroom doctor` lists them"
                    + " (default: $HEADROOM_CONFIG).")
    Path configFile;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Where the store, ledger and logs live (default: $HEADROOM_WORKSPACE_DIR or ~/.headroom4j).")
    Path workspace;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set min-tokens=100.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * The config from defaults, the file, the environment and these flags, in that order of precedence.
     *
     * @throws ParameterException for an unknown key or a bad value, naming both and the source (exit code 2)
     * @throws java.io.UncheckedIOException when the config file cannot be read (exit code 1)
     */
    public HeadroomConfig load(Map<String, String> env) {
        return load(env, Map.of());
    }

    /**
     * Like {@link #load(Map)}, plus a command's own flags ({@code --lossless}, {@code --model}); pass only
     * the flags that were given, so an unset flag leaves the value from the file or environment alone.
     */
    public HeadroomConfig load(Map<String, String> env, Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (workspace != null) {
            flags.put("workspace-dir", workspace.toString());
        }
        flags.putAll(commandFlags);
        try {
            return ConfigLoader.load(configFile, env, flags);
        } catch (IllegalArgumentException e) {
            if (mixee == null) {
                throw e;
            }
            throw new ParameterException(mixee.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The store shared by the proxy, the MCP server and the CLI: the workspace's SQLite file. The caller
     * closes it.
     *
     * @throws java.io.UncheckedIOException when it cannot be opened
     */
    public static CompressionStore openStore(HeadroomConfig config) {
        return CompressionStores.open(config);
    }

    static Map<String, String> readProperties(Path file) {
        return ConfigLoader.readProperties(file);
    }
}
