package io.headroom4j;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Builds the {@link HeadroomConfig} of a process from its sources, in the one order every front end uses:
 * defaults, then a config file, then {@code HEADROOM_*} environment variables, then command-line flags.
 * Each later source overrides the earlier ones key by key, and the config records where each value came
 * from ({@link HeadroomConfig#origins()}).
 *
 * <p>The config file is a Java properties file whose keys are {@link HeadroomConfig#KEYS}
 * ({@code min-tokens = 300}). It is the file given explicitly, or else the one named by the environment
 * variable {@code HEADROOM_CONFIG}; there is no implicit file, so a run is explained by what it was given.
 *
 * <pre>{@code
 * HeadroomConfig config = ConfigLoader.load(Path.of("headroom.properties"), System.getenv(),
 *         Map.of("lossless", "true"));
 * }</pre>
 */
public final class ConfigLoader {

    /** The environment variable naming a config file when none is given explicitly. */
    public static final String CONFIG_ENV = "HEADROOM_CONFIG";

    private ConfigLoader() {
    }

    /**
     * The config from all sources.
     *
     * @param configFile a properties file, or null to use {@code $HEADROOM_CONFIG} if set
     * @param env        the environment, usually {@link System#getenv()}
     * @param flags      settings from the command line by key; a missing key leaves the value alone
     * @throws IllegalArgumentException naming the key and source for an unknown key or a bad value
     * @throws UncheckedIOException     when the config file cannot be read
     */
    public static HeadroomConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        return builder(configFile, env, flags).build();
    }

    /** Like {@link #load} but returns the builder, for front ends that adjust it further. */
    public static HeadroomConfig.Builder builder(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> environment = env == null ? Map.of() : env;
        HeadroomConfig.Builder b = HeadroomConfig.builder();
        // The builder's default workspace reads the process environment; only the given one may count.
        b.workspaceDir(Path.of(System.getProperty("user.home", "."), ".headroom4j"));
        Path file = configFile;
        if (file == null) {
            String named = environment.get(CONFIG_ENV);
            if (named != null && !named.isBlank()) {
                file = Path.of(named.trim());
            }
        }
        if (file != null) {
            b.apply(readProperties(file), file.toString());
        }
        b.applyEnvironment(environment);
        if (flags != null && !flags.isEmpty()) {
            b.apply(flags, "flag");
        }
        return b;
    }

    /** The settings in a properties file, by key, sorted for stable error messages. */
    public static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("config file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(toStrings(p)).entrySet()) {
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    private static Map<String, String> toStrings(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return m;
    }
}
