package io.headroom4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

import io.headroom4j.ConfigLoader;
import io.headroom4j.HeadroomConfig;

/**
 * Options every command that reads settings shares. Precedence is resolved by {@link ConfigLoader}:
 * defaults, then {@code --config}, then {@code HEADROOM_*} variables, then flags.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings (keys as in `headroom doctor`); default $HEADROOM_CONFIG.")
    Path configFile;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace holding the store; default $HEADROOM_WORKSPACE_DIR or ~/.headroom4j.")
    Path workspace;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set min-tokens=100.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * The config from all sources; {@code commandFlags} are the command's own flags (only those given).
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming both
     */
    HeadroomConfig load(Map<String, String> env, Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (workspace != null) {
            flags.put("workspace-dir", workspace.toString());
        }
        flags.putAll(commandFlags);
        return ConfigLoader.load(configFile, env, flags);
    }
}
