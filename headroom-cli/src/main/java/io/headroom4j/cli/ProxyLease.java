package io.headroom4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A wrap's claim on the proxy at one port: reuses a healthy proxy already there, or starts one as a
 * detached child process; and on release stops the proxy only when a wrap started it and no other live
 * wrap still holds a lease on it.
 *
 * <p>State lives in {@code <workspace>/proxy_clients/<port>/}: one {@code <pid>-<n>.json} per wrap holding a
 * lease (with the process start time, so a reused pid does not count as alive), and {@code proxy.json}
 * naming the proxy a wrap started. Every change happens under a file lock on {@code .lock}, so wraps
 * starting and ending at the same moment agree on who is last. A proxy someone started by hand is never
 * stopped by a wrap.
 */
final class ProxyLease implements AutoCloseable {

    private static final long SELF = ProcessHandle.current().pid();
    private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong();

    private final Path dir;
    private final int port;
    private final boolean started;
    private boolean released;

    private final String leaseFile;

    private ProxyLease(Path dir, int port, boolean started, String leaseFile) {
        this.dir = dir;
        this.leaseFile = leaseFile;
        this.port = port;
        this.started = started;
    }

    /** True when this wrap started the proxy. */
    boolean started() {
        return started;
    }

    /** The proxy's base URL. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Takes a lease on the proxy at {@code port}, starting {@code command} (with {@code env} added) when no
     * healthy proxy answers there; its output goes to {@code log}.
     *
     * @throws IllegalStateException when the port is taken by something else or the proxy does not become
     *                               healthy within {@code timeout}
     */
    @SuppressWarnings("try")   // the file lock is held for the block's scope and never referenced
    static ProxyLease acquire(Path workspace, int port, List<String> command, Map<String, String> env, Path log,
                              Duration timeout) {
        Path dir = workspace.resolve("proxy_clients").resolve(Integer.toString(port));
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                boolean started = false;
                if (DoctorCommand.health(port) == null) {
                    if (!bindable(port)) {
                        throw new IllegalStateException("port " + port + " is in use by something that is not a"
                                + " Headroom proxy; choose another with --port");
                    }
                    Process p = start(command, env, log);
                    awaitHealthy(p, port, timeout, log);
                    Files.writeString(dir.resolve("proxy.json"), "{\"pid\":" + p.pid() + ",\"start\":\""
                            + startOf(p.toHandle()) + "\"}\n", StandardCharsets.UTF_8);
                    started = true;
                }
                // One file per lease, so two wraps in one process (tests, embedding) count twice.
                String leaseFile = SELF + "-" + NEXT.incrementAndGet() + ".json";
                Files.writeString(dir.resolve(leaseFile), "{\"pid\":" + SELF + ",\"start\":\""
                        + startOf(ProcessHandle.current()) + "\"}\n", StandardCharsets.UTF_8);
                return new ProxyLease(dir, port, started, leaseFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a lease on the proxy in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Gives the lease back; stops a wrap-started proxy when no other live lease remains. Idempotent. */
    @Override
    @SuppressWarnings("try")   // the file lock is held for the block's scope and never referenced
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            Files.deleteIfExists(dir.resolve(leaseFile));
            if (liveLeases() > 0) {
                return;
            }
            Path owner = dir.resolve("proxy.json");
            if (Files.exists(owner)) {
                Optional<ProcessHandle> proxy = handleOf(Files.readString(owner, StandardCharsets.UTF_8));
                proxy.ifPresent(ProxyLease::stop);
                Files.deleteIfExists(owner);
            }
        } catch (IOException e) {
            System.err.println("headroom: could not release the proxy lease in " + dir + ": " + e.getMessage());
        }
    }

    /** Counts live leases, deleting those whose process is gone. */
    private int liveLeases() throws IOException {
        int live = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                if (f.getFileName().toString().equals("proxy.json")) {
                    continue;
                }
                if (handleOf(Files.readString(f, StandardCharsets.UTF_8)).isPresent()) {
                    live++;
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        return live;
    }

    /** The live process a lease or owner file names, if its pid is alive with the same start time. */
    static Optional<ProcessHandle> handleOf(String json) {
        String pid = field(json, "pid");
        String start = field(json, "start");
        if (pid == null) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h;
        try {
            h = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return h.filter(ProcessHandle::isAlive).filter(x -> start == null || start.equals(startOf(x)));
    }

    private static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toString).orElse("");
    }

    private static void stop(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        // setsid puts the proxy in its own session, so a Ctrl-C meant for the agent does not reach it.
        List<String> cmd = new java.util.ArrayList<>(command);
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add(0, "/usr/bin/setsid");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            pb.redirectInput(devNull);
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void awaitHealthy(Process p, int port, Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (DoctorCommand.health(port) != null) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the proxy exited with code " + p.exitValue()
                        + " before it was ready; see " + log);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the proxy did not answer /health on port " + port + " within "
                + timeout.toSeconds() + " s; see " + log);
    }
}
