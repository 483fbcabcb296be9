package io.headroom4j.compress.code;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

final class DebugDump {
    @Test
    void dump() throws Exception {
        Path dir = Path.of("target/dump");
        Files.createDirectories(dir);
        for (String f : new String[] {"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go",
            "memchr.rs", "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"}) {
            var c = new CodeCompressor().compress(CodeCompressorTest.fixture(f),
                    CodeCompressorTest.lossy(CodeCompressorTest.store(), "", null));
            Files.writeString(dir.resolve(f + ".out"), c.note() + "\n" + c.output());
        }
    }
}
