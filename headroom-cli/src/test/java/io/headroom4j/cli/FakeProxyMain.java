package io.headroom4j.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in proxy for the wrap lifecycle tests: answers {@code /health} on {@code $HEADROOM_PORT} until
 * it is stopped. The real proxy is used by {@link WrapWithRealAgentsTest}.
 */
public final class FakeProxyMain {

    private FakeProxyMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("HEADROOM_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/health", ex -> {
            byte[] body = ("{\"status\":\"healthy\",\"pid\":" + ProcessHandle.current().pid() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        System.out.println("fake proxy on " + port);
    }

    /** The command that runs this stand-in. */
    static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FakeProxyMain.class.getName());
        return cmd;
    }
}
