package io.headroom4j.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;

/**
 * The proxy of {@link ProxyBench}'s paced mode, in its own JVM as in real use: set up as {@code headroom proxy}
 * sets it up (the workspace's SQLite store and ledger, here in a fresh temporary workspace), in front of the
 * upstream given as the first argument. Prints {@code port <n>} once listening, then {@code cpu-ms <n>} (this
 * process's CPU time so far) for every line read from standard input, and exits when the input ends.
 *
 * <pre>
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBenchServer http://127.0.0.1:PORT
 * </pre>
 */
public final class ProxyBenchServer {

    private ProxyBenchServer() {
    }

    public static void main(String[] args) throws IOException {
        Path workspace = Files.createTempDirectory("headroom-bench-workspace");
        HeadroomConfig config = HeadroomConfig.builder().workspaceDir(workspace)
                .compressionTimeout(Duration.ofSeconds(10)).build();
        ProxyConfig pc = ProxyConfig.builder().port(0).openaiApiUrl(args[0]).anthropicApiUrl(args[0]).build();
        try (CompressionStore store = CompressionStores.open(config)) {
            HeadroomProxy proxy = HeadroomProxy.start(config, pc, store, Ledger.inWorkspace(workspace));
            try {
                System.out.println("port " + proxy.uri().getPort());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8));
                while (in.readLine() != null) {
                    System.out.println("cpu-ms " + ProxyBench.processCpuNanos() / 1_000_000);
                    System.out.flush();
                }
            } finally {
                proxy.close();
            }
        }
    }
}
