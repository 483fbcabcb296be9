package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

final class ProxyCommandTest {

    @Test
    void startsPrintsABannerAndAnswersHealth() throws Exception {
        ProxyCommand cmd = new ProxyCommand();
        CommandLine cl = new CommandLine(cmd);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--workspace", "target/tmp/proxy-ws",
                "--mode", "token", "--openai-api-url", "http://127.0.0.1:9/v1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (cmd.running == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cmd.running).isNotNull();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cmd.running.uri() + "/livez")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cmd.running.config().mode().name()).isEqualTo("TOKEN");
        assertThat(cmd.running.proxyConfig().openaiApiUrl().toString()).isEqualTo("http://127.0.0.1:9");
        cmd.stop.countDown();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(0);
        assertThat(out.toString()).contains("listening on http://127.0.0.1:").contains("ANTHROPIC_BASE_URL=")
                .contains("OPENAI_BASE_URL=").contains("loopback only").contains("proxy-ws");
    }

    @Test
    void rootCommandListsProxy() {
        assertThat(HeadroomCli.commandLine().getSubcommands()).containsKey("proxy");
    }
}
