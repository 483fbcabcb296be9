package io.headroom4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsGiven() {
        HeadroomConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.minTokens()).isEqualTo(200);
        assertThat(c.storeTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.workspaceDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".headroom4j"));
        assertThat(c.origins()).containsEntry("min-tokens", "default");
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheEarlier() throws Exception {
        Path file = dir.resolve("headroom.properties");
        Files.writeString(file, """
                # team settings
                min-tokens = 300
                lossy-min-tokens = 2000
                model = claude-sonnet-4
                store-ttl-hours = 48
                """);
        Map<String, String> env = Map.of("HEADROOM_LOSSY_MIN_TOKENS", "3000", "HEADROOM_MODEL", "gpt-4.1",
                "HEADROOM_WORKSPACE_DIR", dir.resolve("ws").toString(), "UNRELATED", "x");
        HeadroomConfig c = ConfigLoader.load(file, env, Map.of("model", "gpt-5"));
        assertThat(c.minTokens()).isEqualTo(300);
        assertThat(c.lossyMinTokens()).isEqualTo(3000);
        assertThat(c.model()).isEqualTo("gpt-5");
        assertThat(c.storeTtl()).isEqualTo(Duration.ofHours(48));
        assertThat(c.workspaceDir()).isEqualTo(dir.resolve("ws"));
        assertThat(c.origins()).containsEntry("min-tokens", file.toString())
                .containsEntry("lossy-min-tokens", "env").containsEntry("model", "flag")
                .containsEntry("lossless", "default");
    }

    @Test
    void configFileMayBeNamedByEnvironment() throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "lossless=true\n");
        HeadroomConfig c = ConfigLoader.load(null, Map.of("HEADROOM_CONFIG", file.toString()), Map.of());
        assertThat(c.lossless()).isTrue();
        assertThat(c.origins()).containsEntry("lossless", file.toString());
    }

    @Test
    void unknownKeyInFileIsRejectedNamingKeyAndFile() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "min-tokenz=5\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-tokenz").hasMessageContaining(file.toString());
    }

    @Test
    void badFlagValueIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("min-tokens", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'min-tokens' = 'lots' from flag");
    }

    @Test
    void missingFileIsAClearUncheckedIoException() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("config file not found: " + missing);
    }
}
