package io.headroom4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start this same program again as a child process ({@code java -jar headroom.jar ...} when it runs
 * from the jar, {@code java -cp ... HeadroomCli ...} otherwise), for the proxy that {@code wrap} starts
 * and the MCP server that {@code mcp install} registers.
 */
final class Launcher {

    private Launcher() {
    }

    /** The command that runs {@code headroom} with {@code args}. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        Path jar = ownJar();
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(HeadroomCli.class.getName());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The jar this class was loaded from, or null when it runs from a classes directory. */
    static Path ownJar() {
        try {
            var source = HeadroomCli.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
