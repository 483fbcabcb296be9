package io.headroom4j.proxy;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;

/**
 * The {@code oncpu} bench of {@link ProxyBench} for two builds in one JVM, request by request interleaved: each
 * build in its own class loader, both compressing the same new 100K-token requests one after the other (the order
 * alternating), so both see the same load, the same heap and the same moment. Prints the output hash of each build
 * and, per round, both builds' compressing-thread CPU p50 / p90 and wall p50, and their ratio.
 *
 * <pre>
 *   java -cp &lt;this class's dir&gt; io.headroom4j.proxy.OnPathAB SETUP_DIR CLASSPATH_A CLASSPATH_B [ROUNDS]
 * </pre>
 * {@code SETUP_DIR} holds only {@link Setup}'s class file (it must be loaded by each build's loader);
 * {@code bench/run-oncpu-ab} makes it and builds the older side. The same {@code -Dbench.oncpu*} properties as
 * {@code oncpu} apply (store, hand-off, gap).
 */
public final class OnPathAB {

    private OnPathAB() {
    }

    /** One build's compression setup, as {@link ProxyBench#onPathCpu} makes it; apply gives {CPU nanos, body}. */
    public static final class Setup implements Function<byte[], Object[]> {
        private final Headroom headroom;
        private final ExecutorService pool;
        private final String handOff;

        /** The setup the {@code bench.oncpuStore} and {@code bench.oncpuHandOff} properties ask for. */
        public Setup() throws Exception {
            HeadroomConfig config = HeadroomConfig.builder()
                    .excludedTools(java.util.Set.of(io.headroom4j.message.RetrieveTool.NAME)).build();
            String kind = System.getProperty("bench.oncpuStore", "memory");
            Class.forName("org.sqlite.JDBC");   // registered with this loader, for DriverManager's caller check
            CompressionStore store = kind.equals("memory") ? TestProxies.store()
                    : io.headroom4j.store.SqliteCompressionStore.open(Files.createTempDirectory("headroom-oncpu")
                    .resolve("store.db"), Duration.ofHours(1));
            if (kind.equals("sqlite-behind")) {
                store = new WriteBehindStore(store);
            }
            handOff = System.getProperty("bench.oncpuHandOff", "none");
            pool = handOff.equals("none") ? null : Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            });
            headroom = Headroom.create(config, store);
        }

        /** The bench's request of about 100K tokens of new content. */
        public static String request(String salt) {
            return ProxyBench.request(100_000, salt);
        }

        @Override
        public Object[] apply(byte[] body) {
            try {
                long[] cpu = new long[1];
                byte[] out = ProxyBench.compressVia(pool, handOff, headroom, body, cpu);
                return new Object[] {cpu[0], out};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Function<byte[], Object[]> load(String setupDir, String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(setupDir).toUri().toURL());
        for (String p : classpath.split(":")) {
            if (!p.isEmpty()) {
                urls.add(Path.of(p).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        return (Function<byte[], Object[]>) loader.loadClass(Setup.class.getName()).getConstructor().newInstance();
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        Function<byte[], Object[]> a = load(args[0], args[1]);
        Function<byte[], Object[]> b = load(args[0], args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long gap = Long.getLong("bench.oncpuGapMs", 0);
        java.lang.reflect.Method request = a.getClass().getMethod("request", String.class);
        MessageDigest da = MessageDigest.getInstance("SHA-256");
        MessageDigest db = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 20; i++) {
            byte[] body = ((String) request.invoke(null, "pin-" + i)).getBytes(StandardCharsets.UTF_8);
            da.update((byte[]) a.apply(body)[1]);
            db.update((byte[]) b.apply(body)[1]);
        }
        System.out.println("output sha-256 of 20 fixed requests: A " + HexFormat.of().formatHex(da.digest()) + ", B "
                + HexFormat.of().formatHex(db.digest()));
        for (int round = 0; round < rounds; round++) {
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                bodies.add(((String) request.invoke(null, "r" + round + "-" + i)).getBytes(StandardCharsets.UTF_8));
            }
            long[][] cpu = new long[2][200];
            long[][] wall = new long[2][200];
            for (int i = 0; i < 300; i++) {
                for (int k = 0; k < 2; k++) {
                    int side = (i + k) & 1;   // A first on even requests, B first on odd ones
                    if (gap > 0 && i >= 100) {
                        Thread.sleep(gap);
                    }
                    long w0 = System.nanoTime();
                    long t = (Long) (side == 0 ? a : b).apply(bodies.get(i))[0];
                    long w = System.nanoTime() - w0;
                    if (i >= 100) {
                        cpu[side][i - 100] = t;
                        wall[side][i - 100] = w;
                    }
                }
            }
            for (int s = 0; s < 2; s++) {
                Arrays.sort(cpu[s]);
                Arrays.sort(wall[s]);
            }
            System.out.printf(Locale.ROOT, "round %d: CPU p50 A %.3f B %.3f ms (B/A %.3f), p90 A %.3f B %.3f; wall p50"
                    + " A %.3f B %.3f (B/A %.3f); load %.1f%n", round, cpu[0][100] / 1e6, cpu[1][100] / 1e6,
                    (double) cpu[1][100] / cpu[0][100], cpu[0][180] / 1e6, cpu[1][180] / 1e6, wall[0][100] / 1e6,
                    wall[1][100] / 1e6, (double) wall[1][100] / wall[0][100],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
