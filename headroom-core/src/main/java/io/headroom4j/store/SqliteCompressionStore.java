package io.headroom4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CompressionStore} in an SQLite file, so originals outlive the process and one workspace can be
 * shared by a proxy, an MCP server and the CLI at once.
 *
 * <p>Each original is kept as the exact UTF-8 bytes of its text (a BLOB) under its content-hash key, with
 * the transform that stored it, when it was stored, when it expires, its size and how often it was
 * retrieved. Expired rows are never returned; they are deleted when read, and all at once at most every
 * {@link #PURGE_INTERVAL} (checked on each call, so no background thread is needed). The same sweep
 * evicts the oldest rows while the total size is above the byte cap.
 *
 * <p>Concurrency: the file is in WAL mode with a busy timeout, so several processes can read and write
 * it together; within a process all calls share one connection behind a lock. Every failure of SQLite or
 * the file system surfaces as an {@link UncheckedIOException} naming the file, which callers treat as a
 * reason to fail open.
 */
public final class SqliteCompressionStore implements CompressionStore {

    /** The file name used inside a workspace directory. */
    public static final String FILE_NAME = "store.db";
    /** How often expired rows are swept and the byte cap enforced. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** Default cap on the total size of stored originals: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** How long a call waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Duration ttl;
    private final long maxBytes;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final PreparedStatement refresh;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement countRetrieval;
    private final PreparedStatement deleteKey;
    private final PreparedStatement selectEntry;
    private long nextPurgeMillis;
    private boolean closed;

    private SqliteCompressionStore(Path file, Duration ttl, long maxBytes, InstantSource clock) {
        this.file = file;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
        Connection c = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            createPrivately(file);
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            initialise(c);
            this.connection = c;
            this.refresh = c.prepareStatement(
                    "UPDATE entries SET created_ms = ?, expires_ms = ?, transform = ? WHERE key = ?");
            this.insert = c.prepareStatement("INSERT INTO entries"
                    + " (key, content, transform, size, created_ms, expires_ms, retrievals)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 0)"
                    + " ON CONFLICT (key) DO UPDATE SET created_ms = excluded.created_ms,"
                    + " expires_ms = excluded.expires_ms, transform = excluded.transform");
            this.select = c.prepareStatement("SELECT content, expires_ms FROM entries WHERE key = ?");
            this.countRetrieval = c.prepareStatement("UPDATE entries SET retrievals = retrievals + 1 WHERE key = ?");
            this.deleteKey = c.prepareStatement("DELETE FROM entries WHERE key = ? AND expires_ms <= ?");
            this.selectEntry = c.prepareStatement(
                    "SELECT transform, created_ms, expires_ms, size, retrievals FROM entries WHERE key = ?");
        } catch (IOException e) {
            closeQuietly(c);
            throw new UncheckedIOException("cannot create the store directory for " + file + ": " + e, e);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("cannot open", e);
        }
    }

    /**
     * Opens (creating if needed) the store in {@code file} with the default byte cap, on the system clock.
     *
     * @throws UncheckedIOException when the file cannot be created, opened or read as a store
     */
    public static SqliteCompressionStore open(Path file, Duration ttl) {
        return open(file, ttl, DEFAULT_MAX_BYTES, InstantSource.system());
    }

    /**
     * Opens (creating if needed) the store in {@code file}.
     *
     * @param file     the database file; its directory is created when missing
     * @param ttl      how long an original stays retrievable after it was last stored; positive
     * @param maxBytes cap on the total UTF-8 size of stored originals; the oldest go first
     * @param clock    the time source, injectable so tests move time without sleeping
     * @throws UncheckedIOException when the file cannot be created, opened or read as a store
     */
    public static SqliteCompressionStore open(Path file, Duration ttl, long maxBytes, InstantSource clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        return new SqliteCompressionStore(file, ttl, maxBytes, clock);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    private void initialise(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // The busy timeout first, so the statements below wait for other processes instead of failing.
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("written by a newer Headroom4j (schema " + version + ")");
            }
            if (version == 0) {
                // Must precede the first table so deleted originals give their pages back to the file.
                s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new SQLException("could not switch to WAL mode (got '" + mode + "')");
                }
            }
            // NORMAL is crash-safe in WAL mode; only a power cut can lose the newest entries.
            s.execute("PRAGMA synchronous = NORMAL");
            if (version == 0) {
                s.execute("CREATE TABLE IF NOT EXISTS entries ("
                        + " key TEXT PRIMARY KEY NOT NULL,"
                        + " content BLOB NOT NULL,"
                        + " transform TEXT NOT NULL,"
                        + " size INTEGER NOT NULL,"
                        + " created_ms INTEGER NOT NULL,"
                        + " expires_ms INTEGER NOT NULL,"
                        + " retrievals INTEGER NOT NULL DEFAULT 0)");
                s.execute("CREATE INDEX IF NOT EXISTS entries_expires ON entries (expires_ms)");
                s.execute("CREATE INDEX IF NOT EXISTS entries_created ON entries (created_ms)");
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
        }
    }

    @Override
    public String put(String original, String transform) {
        Objects.requireNonNull(original, "original");
        InMemoryCompressionStore.requireEncodable(original);
        byte[] utf8 = original.getBytes(StandardCharsets.UTF_8);
        String key = ContentKeys.sha256Prefix(utf8);
        String name = transform == null ? "" : transform;
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            maybePurge(now);
            long expires = now + ttl.toMillis();
            refresh.setLong(1, now);
            refresh.setLong(2, expires);
            refresh.setString(3, name);
            refresh.setString(4, key);
            if (refresh.executeUpdate() == 0) {
                // Another process may insert the same key in between; the upsert makes that harmless.
                insert.setString(1, key);
                insert.setBytes(2, utf8);
                insert.setString(3, name);
                insert.setLong(4, utf8.length);
                insert.setLong(5, now);
                insert.setLong(6, expires);
                insert.executeUpdate();
            }
            return key;
        } catch (SQLException e) {
            throw failure("cannot write to", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> get(String key) {
        if (!ContentKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            maybePurge(now);
            byte[] content;
            long expires;
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                content = rs.getBytes(1);
                expires = rs.getLong(2);
            }
            if (expires <= now) {
                deleteKey.setString(1, key);
                deleteKey.setLong(2, now);
                deleteKey.executeUpdate();
                return Optional.empty();
            }
            countRetrieval.setString(1, key);
            countRetrieval.executeUpdate();
            return Optional.of(new String(content, StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw failure("cannot read from", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoreEntry> entry(String key) {
        if (!ContentKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            selectEntry.setString(1, key);
            try (ResultSet rs = selectEntry.executeQuery()) {
                if (!rs.next() || rs.getLong(3) <= now) {
                    return Optional.empty();
                }
                return Optional.of(new StoreEntry(key, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw failure("cannot read from", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long size() {
        return overLiveRows("COUNT(*)");
    }

    /** Total UTF-8 size of the live originals, in bytes. */
    public long storedBytes() {
        return overLiveRows("COALESCE(SUM(size), 0)");
    }

    /** One aggregate ({@code COUNT(*)}, a sum) over the rows that have not expired. */
    private long overLiveRows(String aggregate) {
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT " + aggregate + " FROM entries WHERE expires_ms > ?")) {
                s.setLong(1, clock.millis());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read from", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes expired rows now and evicts the oldest rows while the total size is above the cap; returns
     * how many rows went. Runs by itself every {@link #PURGE_INTERVAL}; call it to force a sweep.
     */
    public int purge() {
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            nextPurgeMillis = now + PURGE_INTERVAL.toMillis();
            return sweep(now);
        } catch (SQLException e) {
            throw failure("cannot purge", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteCompressionStore[" + file + "]";
    }

    private void maybePurge(long now) throws SQLException {
        if (now >= nextPurgeMillis) {
            nextPurgeMillis = now + PURGE_INTERVAL.toMillis();
            sweep(now);
        }
    }

    private int sweep(long now) throws SQLException {
        int removed;
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM entries WHERE expires_ms <= ?")) {
            s.setLong(1, now);
            removed = s.executeUpdate();
        }
        long total;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(size), 0) FROM entries")) {
            total = rs.next() ? rs.getLong(1) : 0;
        }
        if (total > maxBytes) {
            int victims = 0;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT size FROM entries ORDER BY created_ms, key")) {
                while (total > maxBytes && rs.next()) {
                    victims++;
                    total -= rs.getLong(1);
                }
            }
            // One statement, so the eviction is atomic without holding a transaction across the scan.
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM entries WHERE key IN"
                    + " (SELECT key FROM entries ORDER BY created_ms, key LIMIT ?)")) {
                s.setInt(1, victims);
                removed += s.executeUpdate();
            }
        }
        if (removed > 0) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA incremental_vacuum");
            }
        }
        return removed;
    }

    /**
     * Creates an empty database file readable by its owner only, since tool output can hold secrets;
     * SQLite gives its WAL and shared-memory files the same permissions.
     */
    private static void createPrivately(Path file) throws IOException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // another process created it first
        }
    }

    private void ensureOpen() {
        if (closed) {
            String message = "the store " + file + " is closed";
            throw new UncheckedIOException(message, new IOException(message));
        }
    }

    private UncheckedIOException failure(String what, SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String full = what + " the store " + file + ": " + message;
        return new UncheckedIOException(full, new IOException(full, e));
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
