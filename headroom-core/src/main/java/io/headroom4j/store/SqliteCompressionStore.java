package io.headroom4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import io.headroom4j.compress.Compressed;

/**
 * A {@link CompressionStore} in an SQLite file, so originals outlive the process and one workspace can be
 * shared by a proxy, an MCP server and the CLI at once.
 *
 * <p>Each original is kept as the exact UTF-8 bytes of its text (a BLOB) under its content-hash key, with
 * the transform that stored it, when it was stored, when it expires, its size and how often it was
 * retrieved. Expired rows are never returned; they are deleted when read, and all at once at most every
 * {@link #PURGE_INTERVAL} (checked on each call, so no background thread is needed; a caller with a thread
 * to spare turns that off with {@link #purgeOnlyWhenAsked()} and calls {@link #purge()} itself). The same
 * sweep evicts the oldest rows while the total size is above the byte cap.
 *
 * <p>The same file holds the {@linkplain #memo() memo} (table {@code memo}): what each original was
 * compressed to, so a conversation's earlier turns keep their exact bytes across restarts and between
 * processes. Memo rows live {@code ttl} after their last use, under their own cap
 * ({@link #DEFAULT_MAX_MEMO_BYTES}), and are swept with the originals.
 *
 * <p>Concurrency: the file is in WAL mode with a busy timeout, so several processes can read and write
 * it together; within a process all calls share one connection behind a lock, except the sweep and the memo's
 * lookups (each on a connection of its own, so neither waits behind a write that waits for another process's
 * lock: in WAL mode readers never wait for a writer). A memo hit whose originals have time left is answered from
 * that read alone; its renewal, a write, follows on a thread of its own. Every failure of SQLite or
 * the file system surfaces as an {@link UncheckedIOException} naming the file, which callers treat as a
 * reason to fail open.
 */
public final class SqliteCompressionStore implements CompressionStore {

    private static final System.Logger LOG = System.getLogger(SqliteCompressionStore.class.getName());

    /** The file name used inside a workspace directory. */
    public static final String FILE_NAME = "store.db";
    /** How often expired rows are swept and the byte cap enforced. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** Default cap on the total size of stored originals: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Cap on the total size of remembered outputs in the memo table: 256 MiB. */
    public static final long DEFAULT_MAX_MEMO_BYTES = 256L << 20;
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
    private final PreparedStatement renewKey;
    private final PreparedStatement memoSelect;
    private final PreparedStatement memoInsert;
    private final PreparedStatement memoTouch;
    private final PreparedStatement memoDelete;
    private final Memo memo = new Memo();
    private long nextPurgeMillis;
    private volatile boolean closed;
    /** False once {@link #purgeOnlyWhenAsked()} was called: calls no longer sweep. */
    private volatile boolean purgeOnCalls = true;
    /** Guards {@link #sweeper}: {@link #purge()} runs on its own connection, outside {@link #lock}. */
    private final ReentrantLock sweepLock = new ReentrantLock();
    private Connection sweeper;
    /**
     * A connection of its own for the memo's lookups, so that a lookup never waits for this store's connection
     * while it waits for another process's write lock: in WAL mode readers never wait for a writer. Opened on
     * first use.
     */
    private final ReentrantLock readLock = new ReentrantLock();
    private Connection reader;
    private PreparedStatement memoRead;
    private PreparedStatement entryExpiry;
    /**
     * Renews the rows behind memo hits answered from a read (a write, which may wait for another process's
     * lock), one at a time, off the caller's path. Started on the first such hit; {@link #renewing} holds the
     * memo keys queued, so a key used by many requests at once is renewed once.
     */
    private ExecutorService renewals;
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();

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
            this.renewKey = c.prepareStatement(
                    "UPDATE entries SET created_ms = ?, expires_ms = ? WHERE key = ? AND expires_ms > ?");
            this.memoSelect = c.prepareStatement("SELECT output, transform, lossless, retrieval_keys, note, digest,"
                    + " expires_ms FROM memo WHERE key = ?");
            // Replaces only an expired row: a live one was remembered first and is what was sent.
            this.memoInsert = c.prepareStatement("INSERT INTO memo"
                    + " (key, output, transform, lossless, retrieval_keys, note, digest, size, expires_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                    + " output = excluded.output, transform = excluded.transform, lossless = excluded.lossless,"
                    + " retrieval_keys = excluded.retrieval_keys, note = excluded.note, digest = excluded.digest,"
                    + " size = excluded.size, expires_ms = excluded.expires_ms WHERE memo.expires_ms <= ?");
            this.memoTouch = c.prepareStatement("UPDATE memo SET expires_ms = ? WHERE key = ?");
            this.memoDelete = c.prepareStatement("DELETE FROM memo WHERE key = ?");
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
            // Its own table, added without a schema bump: older versions ignore it and keep working.
            s.execute("CREATE TABLE IF NOT EXISTS memo ("
                    + " key TEXT PRIMARY KEY NOT NULL,"
                    + " output BLOB NOT NULL,"
                    + " transform TEXT NOT NULL,"
                    + " lossless INTEGER NOT NULL,"
                    + " retrieval_keys TEXT NOT NULL,"
                    + " note TEXT NOT NULL,"
                    + " digest TEXT NOT NULL,"
                    + " size INTEGER NOT NULL,"
                    + " expires_ms INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS memo_expires ON memo (expires_ms)");
        }
    }

    @Override
    public String put(String original, String transform) {
        Objects.requireNonNull(original, "original");
        byte[] utf8 = InMemoryCompressionStore.encodableUtf8(original);
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
    public boolean renew(Collection<String> keys) {
        lock.lock();
        try {
            ensureOpen();
            return renewLocked(keys, clock.millis());
        } catch (SQLException e) {
            throw failure("cannot write to", e);
        } finally {
            lock.unlock();
        }
    }

    private boolean renewLocked(Collection<String> keys, long now) throws SQLException {
        boolean all = true;
        for (String key : keys) {
            if (!ContentKeys.isWellFormed(key)) {
                all = false;
                continue;
            }
            renewKey.setLong(1, now);
            renewKey.setLong(2, now + ttl.toMillis());
            renewKey.setString(3, key);
            renewKey.setLong(4, now);
            if (renewKey.executeUpdate() == 0) {
                all = false;
            }
        }
        return all;
    }

    /**
     * The memo in this file: survives restarts and is shared by every process that opens the file. Lookups
     * that fail (closed store, I/O error, a damaged row) are misses, never exceptions.
     */
    @Override
    public CompressionMemo memo() {
        return memo;
    }

    /** Number of live memo rows. */
    public long memoSize() {
        return overLiveRows("memo", "COUNT(*)");
    }

    @Override
    public long size() {
        return overLiveRows("entries", "COUNT(*)");
    }

    /** Total UTF-8 size of the live originals, in bytes. */
    public long storedBytes() {
        return overLiveRows("entries", "COALESCE(SUM(size), 0)");
    }

    /** One aggregate ({@code COUNT(*)}, a sum) over the rows of {@code table} that have not expired. */
    private long overLiveRows(String table, String aggregate) {
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT " + aggregate + " FROM " + table + " WHERE expires_ms > ?")) {
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
        // Its own connection, so the calls of other threads (a memo lookup on a request's path) neither wait for
        // the sweep nor, while another process holds the write lock that the sweep waits for, for that lock.
        sweepLock.lock();
        try {
            ensureOpen();
            if (sweeper == null) {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                } catch (SQLException e) {
                    closeQuietly(c);
                    throw e;
                }
                sweeper = c;
            }
            return sweep(sweeper, clock.millis());
        } catch (SQLException e) {
            throw failure("cannot purge", e);
        } finally {
            sweepLock.unlock();
        }
    }

    /**
     * Stops the sweep that otherwise runs inside whichever call comes first every {@link #PURGE_INTERVAL}; from
     * now on only {@link #purge()} sweeps, for a caller that runs it on a thread of its own (the proxy does, on
     * its store writer thread), so that no lookup on a request's path waits for a sweep.
     */
    public void purgeOnlyWhenAsked() {
        purgeOnCalls = false;
    }

    /** Lets calls sweep again every {@link #PURGE_INTERVAL}, undoing {@link #purgeOnlyWhenAsked()}. */
    public void purgeOnCalls() {
        purgeOnCalls = true;
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
        sweepLock.lock();
        try {
            closeQuietly(sweeper);
            sweeper = null;
        } finally {
            sweepLock.unlock();
        }
        readLock.lock();
        try {
            closeQuietly(reader);
            reader = null;
            if (renewals != null) {
                renewals.shutdown();   // a queued renewal finds the store closed and stops; its rows stay live
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteCompressionStore[" + file + "]";
    }

    private void maybePurge(long now) throws SQLException {
        if (purgeOnCalls && now >= nextPurgeMillis) {
            nextPurgeMillis = now + PURGE_INTERVAL.toMillis();
            sweep(connection, now);
        }
    }

    private int sweep(Connection connection, long now) throws SQLException {
        // Originals go oldest first; remembered compressions least recently used first (their expiry moves
        // forward on every use).
        int removed = sweepTable(connection, "entries", "created_ms", maxBytes, now)
                + sweepTable(connection, "memo", "expires_ms", DEFAULT_MAX_MEMO_BYTES, now);
        if (removed > 0) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA incremental_vacuum");
            }
        }
        return removed;
    }

    /** Deletes the expired rows of {@code table}, then rows in {@code order} until it holds at most {@code cap}. */
    private static int sweepTable(Connection connection, String table, String order, long cap, long now)
            throws SQLException {
        int removed;
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table + " WHERE expires_ms <= ?")) {
            s.setLong(1, now);
            removed = s.executeUpdate();
        }
        long total;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(size), 0) FROM " + table)) {
            total = rs.next() ? rs.getLong(1) : 0;
        }
        if (total > cap) {
            int victims = 0;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT size FROM " + table + " ORDER BY " + order + ", key")) {
                while (total > cap && rs.next()) {
                    victims++;
                    total -= rs.getLong(1);
                }
            }
            // One statement, so the eviction is atomic without holding a transaction across the scan.
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table + " WHERE key IN"
                    + " (SELECT key FROM " + table + " ORDER BY " + order + ", key LIMIT ?)")) {
                s.setInt(1, victims);
                removed += s.executeUpdate();
            }
        }
        return removed;
    }

    /** A memo lookup on the reader connection: no live row, a value to use, or unsure (take the locked path). */
    private record Look(Compressed value) {
        static final Look NONE = new Look(null);
        static final Look UNSURE = new Look(null);
    }

    /**
     * The memo table. A row holds every field of the {@link Compressed} value and a digest over them, so a
     * row damaged on disk or written by something else is detected, deleted and treated as a miss. A hit
     * renews the row and the originals behind its retrieval keys; if any of those is gone the row goes too,
     * because re-sending its markers would hand the model keys that no longer retrieve. The hit itself is a read
     * on the reader connection; the renewal is a write, done behind on the renewal thread when every original
     * has time left, else on the caller's path as before. So a request that re-sends earlier turns never waits
     * for another process's write lock (which could outlast the compression budget and send those turns
     * uncompressed, changing the bytes the provider has cached).
     */
    private final class Memo implements CompressionMemo {

        @Override
        public Optional<Compressed> recall(String key) {
            if (key == null) {
                return Optional.empty();
            }
            long now = clock.millis();
            Look look = lookBeside(key, now);
            if (look == Look.NONE) {
                return Optional.empty();   // new content, the common case: answered without the store's lock
            }
            if (look.value() != null) {
                renewBehind(key, look.value(), now);
                return Optional.of(look.value());
            }
            // The read could not vouch for the row (damaged, an original gone or near its end, a failed read):
            // read, renew and touch it on the store's connection, deleting it if it cannot be kept.
            lock.lock();
            try {
                ensureOpen();
                maybePurge(now);
                Compressed value = readLocked(key, now);
                if (value == null) {
                    return Optional.empty();
                }
                if (!renewLocked(value.retrievalKeys(), now)) {
                    deleteMemoLocked(key);
                    return Optional.empty();
                }
                touchLocked(key, now);
                return Optional.of(value);
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "memo lookup in " + file + " failed; compressing again", e);
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Compressed remember(String key, Compressed value) {
            if (key == null || value == null) {
                return value;
            }
            if (!isEncodable(value.output()) || !isEncodable(value.note()) || !isEncodable(value.transform())) {
                return value;   // no exact UTF-8 form, so it could not come back byte for byte
            }
            byte[] output = value.output().getBytes(StandardCharsets.UTF_8);
            String keys = String.join(" ", value.retrievalKeys());
            String digest = digest(value.output(), value.transform(), value.lossless(), keys, value.note());
            lock.lock();
            try {
                ensureOpen();
                long now = clock.millis();
                maybePurge(now);
                for (int attempt = 0; attempt < 2; attempt++) {
                    memoInsert.setString(1, key);
                    memoInsert.setBytes(2, output);
                    memoInsert.setString(3, value.transform());
                    memoInsert.setInt(4, value.lossless() ? 1 : 0);
                    memoInsert.setString(5, keys);
                    memoInsert.setString(6, value.note());
                    memoInsert.setString(7, digest);
                    memoInsert.setLong(8, output.length);
                    memoInsert.setLong(9, now + ttl.toMillis());
                    memoInsert.setLong(10, now);
                    if (memoInsert.executeUpdate() > 0) {
                        return value;
                    }
                    // Another process remembered this original first: send its bytes, so both agree.
                    Compressed first = readLocked(key, now);
                    if (first != null) {
                        return first;
                    }
                    // That row was damaged and is gone now; write ours in its place.
                }
                return value;
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "memo write to " + file + " failed", e);
                return value;
            } finally {
                lock.unlock();
            }
        }

        /**
         * What the reader connection sees under {@code key}: {@link Look#NONE} when there is no live row; the value
         * when the row is intact and every original behind its retrieval keys is live for at least another eighth of
         * the time to live (so it stays retrievable while its renewal waits its turn); otherwise
         * {@link Look#UNSURE}, and the caller takes the locked path.
         */
        private Look lookBeside(String key, long now) {
            readLock.lock();
            try {
                ensureOpen();
                if (reader == null) {
                    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    try (Statement st = c.createStatement()) {
                        st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                        memoRead = c.prepareStatement("SELECT output, transform, lossless, retrieval_keys, note,"
                                + " digest, expires_ms FROM memo WHERE key = ?");
                        entryExpiry = c.prepareStatement("SELECT expires_ms FROM entries WHERE key = ?");
                    } catch (SQLException e) {
                        closeQuietly(c);
                        throw e;
                    }
                    reader = c;
                }
                Compressed value;
                memoRead.setString(1, key);
                try (ResultSet rs = memoRead.executeQuery()) {
                    if (!rs.next() || rs.getLong(7) <= now) {
                        return Look.NONE;
                    }
                    value = decode(rs.getBytes(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6));
                }
                if (value == null) {
                    return Look.UNSURE;
                }
                long liveUntil = now + ttl.toMillis() / 8;
                for (String k : value.retrievalKeys()) {
                    entryExpiry.setString(1, k);
                    try (ResultSet rs = entryExpiry.executeQuery()) {
                        if (!rs.next() || rs.getLong(1) <= liveUntil) {
                            return Look.UNSURE;
                        }
                    }
                }
                return new Look(value);
            } catch (SQLException | RuntimeException e) {
                return Look.UNSURE;
            } finally {
                readLock.unlock();
            }
        }

        /**
         * Renews the originals behind {@code value} and its memo row as of {@code now}, on the renewal thread; if an
         * original went meanwhile, the row goes too, so the next request compresses again. A renewal that fails
         * (another process holding the write lock past the busy timeout) is dropped: the rows stay live for at
         * least the eighth of the time to live that {@link #lookBeside} asked for, and the next hit renews them.
         */
        private void renewBehind(String key, Compressed value, long now) {
            if (!renewing.add(key)) {
                return;   // already queued
            }
            Runnable renew = () -> {
                renewing.remove(key);
                lock.lock();
                try {
                    ensureOpen();
                    if (renewLocked(value.retrievalKeys(), now)) {
                        touchLocked(key, now);
                    } else {
                        deleteMemoLocked(key);
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "memo renewal in " + file + " skipped: " + e);
                } finally {
                    lock.unlock();
                }
            };
            try {
                renewalThread().execute(renew);
            } catch (RejectedExecutionException e) {
                renewing.remove(key);   // closed: nothing to renew into
            }
        }

        private ExecutorService renewalThread() {
            readLock.lock();
            try {
                if (closed) {
                    throw new RejectedExecutionException("the store " + file + " is closed");
                }
                if (renewals == null) {
                    renewals = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "headroom-store-renewals");
                        t.setDaemon(true);
                        return t;
                    });
                }
                return renewals;
            } finally {
                readLock.unlock();
            }
        }

        private void touchLocked(String key, long now) throws SQLException {
            memoTouch.setLong(1, now + ttl.toMillis());
            memoTouch.setString(2, key);
            memoTouch.executeUpdate();
        }

        /** The live, intact value under {@code key}, or null; deletes a damaged row. */
        private Compressed readLocked(String key, long now) throws SQLException {
            byte[] output;
            String transform;
            int lossless;
            String keys;
            String note;
            String digest;
            long expires;
            memoSelect.setString(1, key);
            try (ResultSet rs = memoSelect.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                output = rs.getBytes(1);
                transform = rs.getString(2);
                lossless = rs.getInt(3);
                keys = rs.getString(4);
                note = rs.getString(5);
                digest = rs.getString(6);
                expires = rs.getLong(7);
            }
            if (expires <= now) {
                return null;
            }
            Compressed value = decode(output, transform, lossless, keys, note, digest);
            if (value == null) {
                LOG.log(System.Logger.Level.WARNING, "damaged memo row " + key + " in " + file + "; dropped");
                deleteMemoLocked(key);
            }
            return value;
        }

        private void deleteMemoLocked(String key) throws SQLException {
            memoDelete.setString(1, key);
            memoDelete.executeUpdate();
        }
    }

    /** The value a memo row stands for, or null when any field is missing, malformed or fails the digest. */
    private static Compressed decode(byte[] output, String transform, int lossless, String keys, String note,
                                     String digest) {
        if (output == null || transform == null || keys == null || note == null || digest == null
                || (lossless != 0 && lossless != 1)) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(output)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        List<String> retrievalKeys = keys.isEmpty() ? List.of() : Arrays.asList(keys.split(" ", -1));
        for (String k : retrievalKeys) {
            if (!ContentKeys.isWellFormed(k)) {
                return null;
            }
        }
        if (!digest.equals(digest(text, transform, lossless == 1, keys, note))) {
            return null;
        }
        return new Compressed(text, transform, lossless == 1, retrievalKeys, note);
    }

    private static boolean isEncodable(String text) {
        try {
            InMemoryCompressionStore.requireEncodable(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A checksum over every field of a memo row; NUL cannot occur in a transform name or key list. */
    private static String digest(String output, String transform, boolean lossless, String keys, String note) {
        return ContentKeys.sha256Prefix(transform + '\0' + (lossless ? '1' : '0') + '\0' + keys + '\0'
                + note.length() + '\0' + note + output);
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
