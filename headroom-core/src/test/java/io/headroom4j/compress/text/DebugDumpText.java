package io.headroom4j.compress.text;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

final class DebugDumpText {
    @Test
    void dump() throws Exception {
        Path dir = Path.of("target/dump");
        Files.createDirectories(dir);
        var s = TextCompressorTest.store();
        var c = new TextCompressor().compress(TextCompressorTest.fixture("prose/semver_README.md"),
                TextCompressorTest.lossy(s, "How do tilde ranges work?"));
        Files.writeString(dir.resolve("semver.out"), c.note() + "\n" + c.output());
        c = new TextCompressor().compress(TextCompressorTest.fixture("prose/apache_LICENSE-2.0.txt"),
                TextCompressorTest.lossy(s, ""));
        Files.writeString(dir.resolve("license.out"), c.note() + "\n" + c.output());
        c = new HtmlCompressor().compress(TextCompressorTest.fixture("html/rustdoc_what-is-rustdoc.html"),
                TextCompressorTest.lossy(s, "how do I generate docs with cargo"));
        Files.writeString(dir.resolve("rustdoc.out"), c.note() + "\n" + c.output());
        Files.writeString(dir.resolve("rustdoc2.txt"), HtmlToText.convert(TextCompressorTest.fixture("html/rustdoc_documentation-tests.html")).text());
    }
}
