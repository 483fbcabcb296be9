package io.headroom4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

final class HeadroomConfigTest {

    @Test
    void defaultsAreSafe() {
        HeadroomConfig c = HeadroomConfig.defaults();

        assertThat(c.mode()).isEqualTo(Mode.CACHE);
        assertThat(c.lossless()).isFalse();
        assertThat(c.ccr()).isTrue();
        assertThat(c.protectUserMessages()).isTrue();
        assertThat(c.protectSystemMessages()).isTrue();
        assertThat(c.storeTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.isExcludedTool("read")).isTrue();
        assertThat(c.isExcludedTool("Bash")).isFalse();
        assertThat(c.origins()).containsEntry("lossless", "default");
    }

    @Test
    void laterSourcesWinAndOriginsAreRecorded() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("lossless", "true");
        file.put("min-tokens", "300");
        file.put("lossy-min-tokens", "2000");
        Map<String, String> env = Map.of("HEADROOM_MIN_TOKENS", "400", "HEADROOM_WORKSPACE", "ignored",
                "PATH", "/bin");

        HeadroomConfig c = HeadroomConfig.builder()
                .apply(file, "/etc/headroom.properties")
                .applyEnvironment(env)
                .apply(Map.of("mode", "token"), "flag")
                .build();

        assertThat(c.lossless()).isTrue();
        assertThat(c.minTokens()).isEqualTo(400);
        assertThat(c.mode()).isEqualTo(Mode.TOKEN);
        assertThat(c.origins()).containsEntry("lossless", "/etc/headroom.properties")
                .containsEntry("min-tokens", "env").containsEntry("mode", "flag")
                .containsEntry("ccr", "default");
    }

    @Test
    void derivedConfigsShareEverythingButWhatChanged() {
        HeadroomConfig base = HeadroomConfig.builder().minTokens(50).build();

        HeadroomConfig strict = base.toBuilder().lossless(true).build();

        assertThat(strict.minTokens()).isEqualTo(50);
        assertThat(strict.lossless()).isTrue();
        assertThat(base.lossless()).isFalse();
        assertThat(strict).isNotEqualTo(base);
        assertThat(base.toBuilder().build()).isEqualTo(base);
    }

    @Test
    void badValuesFailAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> HeadroomConfig.builder().minTokens(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minTokens");
        assertThatThrownBy(() -> HeadroomConfig.builder().jsonTableMinSavings(1.5))
                .hasMessageContaining("jsonTableMinSavings");
        assertThatThrownBy(() -> HeadroomConfig.builder().apply(Map.of("lossles", "true"), "flag"))
                .hasMessageContaining("'lossles'").hasMessageContaining("from flag").hasMessageContaining("known:");
        assertThatThrownBy(() -> HeadroomConfig.builder().apply(Map.of("lossless", "maybe"), "env"))
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> HeadroomConfig.builder().minTokens(500).lossyMinTokens(100).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lossyMinTokens");
    }

    @Test
    void excludedToolsMatchCaseInsensitivelyWithTrailingWildcards() {
        HeadroomConfig c = HeadroomConfig.builder().excludedTools(Set.of("mcp__secret*", "Fetch")).build();

        assertThat(c.isExcludedTool("mcp__secret__get")).isTrue();
        assertThat(c.isExcludedTool("MCP__SECRET")).isTrue();
        assertThat(c.isExcludedTool("fetch")).isTrue();
        assertThat(c.isExcludedTool("fetcher")).isFalse();
        assertThat(c.isExcludedTool(null)).isFalse();
    }

    @Test
    void workspaceComesFromTheEnvironmentVariable() {
        assertThat(HeadroomConfig.Builder.defaultWorkspace(Map.of("HEADROOM_WORKSPACE_DIR", "/tmp/ws")))
                .isEqualTo(Path.of("/tmp/ws"));
        assertThat(HeadroomConfig.Builder.defaultWorkspace(Map.of()).getFileName().toString()).isEqualTo(".headroom4j");
    }

    @Test
    void describeListsEveryKey() {
        assertThat(HeadroomConfig.defaults().describe().keySet()).containsExactlyElementsOf(HeadroomConfig.KEYS);
    }
}
