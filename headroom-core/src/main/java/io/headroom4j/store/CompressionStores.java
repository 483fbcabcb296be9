package io.headroom4j.store;

import java.nio.file.Path;
import java.util.Objects;

import io.headroom4j.HeadroomConfig;

/** Opens the stock {@link CompressionStore}s for a {@link HeadroomConfig}. */
public final class CompressionStores {

    /** Byte cap of {@link #inMemory}: 256 MiB. */
    public static final long IN_MEMORY_MAX_BYTES = 256L * 1024 * 1024;

    private CompressionStores() {
    }

    /**
     * The shared store of the workspace: an SQLite file {@code store.db} in {@link HeadroomConfig#workspaceDir()},
     * with entries living {@link HeadroomConfig#storeTtl()}. Used by the CLI, the proxy and the MCP server,
     * which may all have it open at once. The caller closes it.
     *
     * @throws java.io.UncheckedIOException when the file cannot be created or opened
     */
    public static SqliteCompressionStore open(HeadroomConfig config) {
        Objects.requireNonNull(config, "config");
        return SqliteCompressionStore.open(databaseFile(config), config.storeTtl());
    }

    /** A store in process memory, capped at {@link #IN_MEMORY_MAX_BYTES}: the library's default. */
    public static InMemoryCompressionStore inMemory(HeadroomConfig config) {
        Objects.requireNonNull(config, "config");
        return new InMemoryCompressionStore(config.storeTtl(), IN_MEMORY_MAX_BYTES);
    }

    /** The database file of the workspace store. */
    public static Path databaseFile(HeadroomConfig config) {
        return config.workspaceDir().resolve(SqliteCompressionStore.FILE_NAME);
    }
}
