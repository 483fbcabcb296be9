package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

final class ProxyConfigTest {

    @Test
    void upstreamUrlsLoseATrailingSlashAndV1() {
        ProxyConfig c = ProxyConfig.builder().openaiApiUrl("http://localhost:11434/v1/")
                .anthropicApiUrl("https://api.anthropic.com/").build();
        assertThat(c.openaiApiUrl().toString()).isEqualTo("http://localhost:11434");
        assertThat(c.anthropicApiUrl().toString()).isEqualTo("https://api.anthropic.com");
    }

    @Test
    void defaultsBindLoopbackOn8787() {
        ProxyConfig c = ProxyConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8787);
        assertThat(c.injectRetrieveTool()).isTrue();
        assertThat(c.maxRetrievalRounds()).isEqualTo(3);
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> ProxyConfig.builder().openaiApiUrl("ftp://x").build())
                .hasMessageContaining("openaiApiUrl");
        assertThatThrownBy(() -> ProxyConfig.builder().port(70_000).build()).hasMessageContaining("port");
    }

    @Test
    void environmentSetsHostPortAndUpstreams() {
        ProxyConfig c = ProxyConfig.builder().applyEnvironment(Map.of("HEADROOM_PORT", "9000",
                "OPENAI_TARGET_API_URL", "http://vllm:8000/v1", "ANTHROPIC_TARGET_API_URL", "http://gw")).build();
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.openaiApiUrl().toString()).isEqualTo("http://vllm:8000");
        assertThat(c.anthropicApiUrl().toString()).isEqualTo("http://gw");
    }

    @Test
    void theWarmUpIsOnByDefaultAndTheEnvironmentTurnsItOff() {
        assertThat(ProxyConfig.defaults().warmUp()).isTrue();
        for (String off : new String[] {"false", "0", "off", "no", " FALSE "}) {
            assertThat(ProxyConfig.builder().applyEnvironment(Map.of("HEADROOM_WARMUP", off)).build().warmUp())
                    .as(off).isFalse();
        }
        assertThat(ProxyConfig.builder().warmUp(false).applyEnvironment(Map.of("HEADROOM_WARMUP", "true")).build()
                .warmUp()).isTrue();
        assertThat(ProxyConfig.builder().warmUp(false).build().toBuilder().build().warmUp()).isFalse();
    }

    @Test
    void overheadIsWrittenAsMillisecondsWithThreeDecimals() {
        assertThat(HeadroomProxy.millis(0)).isEqualTo("0.000");
        assertThat(HeadroomProxy.millis(1_499)).isEqualTo("0.001");
        assertThat(HeadroomProxy.millis(1_234_567)).isEqualTo("1.235");
        assertThat(HeadroomProxy.millis(52_000_000)).isEqualTo("52.000");
        assertThat(HeadroomProxy.millis(2_000_100_000L)).isEqualTo("2000.100");
    }

    @Test
    void queryParametersAreDecoded() {
        assertThat(HeadroomProxy.queryParam("a=1&query=ERROR%20line", "query")).isEqualTo("ERROR line");
        assertThat(HeadroomProxy.queryParam("a=1", "query")).isNull();
        assertThat(HeadroomProxy.queryParam(null, "query")).isNull();
    }
}
