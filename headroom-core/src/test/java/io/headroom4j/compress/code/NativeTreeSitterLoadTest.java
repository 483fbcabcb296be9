package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** A build that carries our tree-sitter library must also load it, or the code compressor silently slows 3x. */
final class NativeTreeSitterLoadTest {

    @Test
    void theLibraryLoadsWheneverThisBuildCarriesItOnLinuxX86() {
        boolean carried = NativeTreeSitter.class.getResource(NativeTreeSitter.RESOURCE) != null;
        boolean linuxX86 = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        assertThat(NativeTreeSitter.available()).as(NativeTreeSitter::unavailable).isEqualTo(carried && linuxX86
                && !"false".equals(System.getProperty("headroom4j.treesitter.native")));
    }

    @Test
    void theFallbackStaysUsableWhenTheLibraryIsLoaded() {
        CodeCompressor bonede = new CodeCompressor(true, false);
        String go = CodeCompressorTest.fixture("fatih_color.go");
        assertThat(bonede.analyse(go, "a.go").elisions()).isNotEmpty();
    }
}
