package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.token.TokenCounters;

/**
 * Pins the exact output bytes (and retrieval keys) of the code compressor on every code fixture and every
 * corpus code file, with and without a path, at two {@code lossy-min-tokens} settings and with CRLF line
 * ends, so speed work on the pre-pass and the walk cannot change an output byte unnoticed. A hash that
 * changes on purpose (a real behaviour change) is updated here together with the reason in the commit.
 */
final class CodeOutputsPinnedTest {

    private static final List<String> FIXTURES = List.of("blinker_base.py", "semver_range.js", "zod_ZodError.ts",
            "fatih_color.go", "memchr.rs", "jsoup_StringUtil.java", "treesitter_tree_cursor.c",
            "treesitter_node_tree.cc");

    /** The corpus of the benchmark module (real files, see its README), read from the source tree. */
    private static final Path CORPUS = Path.of("..", "headroom-bench", "corpus", "code");

    private static final Map<String, String> PINNED = Map.ofEntries(
            Map.entry("blinker_base.py crlf min1000", "d02a094302811e15e79e2209"),
            Map.entry("blinker_base.py crlf min1000 path", "d02a094302811e15e79e2209"),
            Map.entry("blinker_base.py crlf min50", "d02a094302811e15e79e2209"),
            Map.entry("blinker_base.py crlf min50 path", "d02a094302811e15e79e2209"),
            Map.entry("blinker_base.py min1000", "7faff2183e9c46ab0fb3046f"),
            Map.entry("blinker_base.py min1000 path", "7faff2183e9c46ab0fb3046f"),
            Map.entry("blinker_base.py min50", "7faff2183e9c46ab0fb3046f"),
            Map.entry("blinker_base.py min50 path", "7faff2183e9c46ab0fb3046f"),
            Map.entry("corpus/go-x-sync-errgroup.go min1000", "0c481e136e23269189e9d201"),
            Map.entry("corpus/go-x-sync-errgroup.go min1000 path", "0c481e136e23269189e9d201"),
            Map.entry("corpus/go-x-sync-errgroup.go min50", "e9e3599c6d0d287e05adf105"),
            Map.entry("corpus/go-x-sync-errgroup.go min50 path", "e9e3599c6d0d287e05adf105"),
            Map.entry("corpus/go-x-text-norm-maketables.go min1000", "812e475db597d08a514c4ef8"),
            Map.entry("corpus/go-x-text-norm-maketables.go min1000 path", "812e475db597d08a514c4ef8"),
            Map.entry("corpus/go-x-text-norm-maketables.go min50", "812e475db597d08a514c4ef8"),
            Map.entry("corpus/go-x-text-norm-maketables.go min50 path", "812e475db597d08a514c4ef8"),
            Map.entry("corpus/java-commons-lang3-StringUtils.java min1000", "136637271c739761ec9dadfc"),
            Map.entry("corpus/java-commons-lang3-StringUtils.java min1000 path", "136637271c739761ec9dadfc"),
            Map.entry("corpus/java-commons-lang3-StringUtils.java min50", "136637271c739761ec9dadfc"),
            Map.entry("corpus/java-commons-lang3-StringUtils.java min50 path", "136637271c739761ec9dadfc"),
            Map.entry("corpus/java-commons-lang3-Validate.java min1000", "f574c8d1302ef984e7807e63"),
            Map.entry("corpus/java-commons-lang3-Validate.java min1000 path", "f574c8d1302ef984e7807e63"),
            Map.entry("corpus/java-commons-lang3-Validate.java min50", "f574c8d1302ef984e7807e63"),
            Map.entry("corpus/java-commons-lang3-Validate.java min50 path", "f574c8d1302ef984e7807e63"),
            Map.entry("corpus/js-express-router.js min1000", "1ab7ca419fc38bd243ad58a9"),
            Map.entry("corpus/js-express-router.js min1000 path", "1ab7ca419fc38bd243ad58a9"),
            Map.entry("corpus/js-express-router.js min50", "1ab7ca419fc38bd243ad58a9"),
            Map.entry("corpus/js-express-router.js min50 path", "1ab7ca419fc38bd243ad58a9"),
            Map.entry("corpus/js-webpack-Compilation.js min1000", "3dccfddf00160c7d3b4ae49e"),
            Map.entry("corpus/js-webpack-Compilation.js min1000 path", "3dccfddf00160c7d3b4ae49e"),
            Map.entry("corpus/js-webpack-Compilation.js min50", "3dccfddf00160c7d3b4ae49e"),
            Map.entry("corpus/js-webpack-Compilation.js min50 path", "3dccfddf00160c7d3b4ae49e"),
            Map.entry("corpus/py-click-core.py min1000", "1645f8ede50eccbe85e21ba6"),
            Map.entry("corpus/py-click-core.py min1000 path", "1645f8ede50eccbe85e21ba6"),
            Map.entry("corpus/py-click-core.py min50", "1645f8ede50eccbe85e21ba6"),
            Map.entry("corpus/py-click-core.py min50 path", "1645f8ede50eccbe85e21ba6"),
            Map.entry("corpus/py-requests-sessions.py min1000", "86bf1342fa7d90c898deeb6e"),
            Map.entry("corpus/py-requests-sessions.py min1000 path", "86bf1342fa7d90c898deeb6e"),
            Map.entry("corpus/py-requests-sessions.py min50", "86bf1342fa7d90c898deeb6e"),
            Map.entry("corpus/py-requests-sessions.py min50 path", "86bf1342fa7d90c898deeb6e"),
            Map.entry("corpus/rs-semver-lib.rs min1000", "656414a57abe25e40f8311ee"),
            Map.entry("corpus/rs-semver-lib.rs min1000 path", "656414a57abe25e40f8311ee"),
            Map.entry("corpus/rs-semver-lib.rs min50", "656414a57abe25e40f8311ee"),
            Map.entry("corpus/rs-semver-lib.rs min50 path", "656414a57abe25e40f8311ee"),
            Map.entry("corpus/rs-semver-parse.rs min1000", "b54af4dbb1cc00b68c7291a4"),
            Map.entry("corpus/rs-semver-parse.rs min1000 path", "b54af4dbb1cc00b68c7291a4"),
            Map.entry("corpus/rs-semver-parse.rs min50", "b54af4dbb1cc00b68c7291a4"),
            Map.entry("corpus/rs-semver-parse.rs min50 path", "b54af4dbb1cc00b68c7291a4"),
            Map.entry("corpus/ts-lib.es5.d.ts min1000", "46e041e08f3fd4f0fe15236e"),
            Map.entry("corpus/ts-lib.es5.d.ts min1000 path", "46e041e08f3fd4f0fe15236e"),
            Map.entry("corpus/ts-lib.es5.d.ts min50", "46e041e08f3fd4f0fe15236e"),
            Map.entry("corpus/ts-lib.es5.d.ts min50 path", "46e041e08f3fd4f0fe15236e"),
            Map.entry("fatih_color.go crlf min1000", "15fcbeb49e99a6d33be95609"),
            Map.entry("fatih_color.go crlf min1000 path", "15fcbeb49e99a6d33be95609"),
            Map.entry("fatih_color.go crlf min50", "15fcbeb49e99a6d33be95609"),
            Map.entry("fatih_color.go crlf min50 path", "15fcbeb49e99a6d33be95609"),
            Map.entry("fatih_color.go min1000", "2f9b086dcba8b5117e1291c1"),
            Map.entry("fatih_color.go min1000 path", "2f9b086dcba8b5117e1291c1"),
            Map.entry("fatih_color.go min50", "2f9b086dcba8b5117e1291c1"),
            Map.entry("fatih_color.go min50 path", "2f9b086dcba8b5117e1291c1"),
            Map.entry("jsoup_StringUtil.java crlf min1000", "ef0d198cd34deffdd30ad423"),
            Map.entry("jsoup_StringUtil.java crlf min1000 path", "ef0d198cd34deffdd30ad423"),
            Map.entry("jsoup_StringUtil.java crlf min50", "ef0d198cd34deffdd30ad423"),
            Map.entry("jsoup_StringUtil.java crlf min50 path", "ef0d198cd34deffdd30ad423"),
            Map.entry("jsoup_StringUtil.java min1000", "f5da5f10e8f40f6c1b6c1976"),
            Map.entry("jsoup_StringUtil.java min1000 path", "f5da5f10e8f40f6c1b6c1976"),
            Map.entry("jsoup_StringUtil.java min50", "f5da5f10e8f40f6c1b6c1976"),
            Map.entry("jsoup_StringUtil.java min50 path", "f5da5f10e8f40f6c1b6c1976"),
            Map.entry("memchr.rs crlf min1000", "fa690d89a7c766517756c299"),
            Map.entry("memchr.rs crlf min1000 path", "fa690d89a7c766517756c299"),
            Map.entry("memchr.rs crlf min50", "fa690d89a7c766517756c299"),
            Map.entry("memchr.rs crlf min50 path", "fa690d89a7c766517756c299"),
            Map.entry("memchr.rs min1000", "e790138afc6699dcb4d85937"),
            Map.entry("memchr.rs min1000 path", "e790138afc6699dcb4d85937"),
            Map.entry("memchr.rs min50", "e790138afc6699dcb4d85937"),
            Map.entry("memchr.rs min50 path", "e790138afc6699dcb4d85937"),
            Map.entry("semver_range.js crlf min1000", "85485f388512f9d4d73612c5"),
            Map.entry("semver_range.js crlf min1000 path", "85485f388512f9d4d73612c5"),
            Map.entry("semver_range.js crlf min50", "85485f388512f9d4d73612c5"),
            Map.entry("semver_range.js crlf min50 path", "85485f388512f9d4d73612c5"),
            Map.entry("semver_range.js min1000", "7dd75db6862688e5543caebf"),
            Map.entry("semver_range.js min1000 path", "7dd75db6862688e5543caebf"),
            Map.entry("semver_range.js min50", "7dd75db6862688e5543caebf"),
            Map.entry("semver_range.js min50 path", "7dd75db6862688e5543caebf"),
            Map.entry("treesitter_node_tree.cc crlf min1000", "13f52acaae9ea62f77bf8b1f"),
            Map.entry("treesitter_node_tree.cc crlf min1000 path", "13f52acaae9ea62f77bf8b1f"),
            Map.entry("treesitter_node_tree.cc crlf min50", "13f52acaae9ea62f77bf8b1f"),
            Map.entry("treesitter_node_tree.cc crlf min50 path", "13f52acaae9ea62f77bf8b1f"),
            Map.entry("treesitter_node_tree.cc min1000", "886a59ce6462976b888c8c03"),
            Map.entry("treesitter_node_tree.cc min1000 path", "886a59ce6462976b888c8c03"),
            Map.entry("treesitter_node_tree.cc min50", "886a59ce6462976b888c8c03"),
            Map.entry("treesitter_node_tree.cc min50 path", "886a59ce6462976b888c8c03"),
            Map.entry("treesitter_tree_cursor.c crlf min1000", "7f1ee558c9daa437d21d6379"),
            Map.entry("treesitter_tree_cursor.c crlf min1000 path", "7f1ee558c9daa437d21d6379"),
            Map.entry("treesitter_tree_cursor.c crlf min50", "7f1ee558c9daa437d21d6379"),
            Map.entry("treesitter_tree_cursor.c crlf min50 path", "7f1ee558c9daa437d21d6379"),
            Map.entry("treesitter_tree_cursor.c min1000", "651f5a6e7473008ca1562b5c"),
            Map.entry("treesitter_tree_cursor.c min1000 path", "651f5a6e7473008ca1562b5c"),
            Map.entry("treesitter_tree_cursor.c min50", "651f5a6e7473008ca1562b5c"),
            Map.entry("treesitter_tree_cursor.c min50 path", "651f5a6e7473008ca1562b5c"),
            Map.entry("zod_ZodError.ts crlf min1000", "507ad21898e248e2d617a712"),
            Map.entry("zod_ZodError.ts crlf min1000 path", "507ad21898e248e2d617a712"),
            Map.entry("zod_ZodError.ts crlf min50", "507ad21898e248e2d617a712"),
            Map.entry("zod_ZodError.ts crlf min50 path", "507ad21898e248e2d617a712"),
            Map.entry("zod_ZodError.ts min1000", "21faac60e4b85a81f2c11f2e"),
            Map.entry("zod_ZodError.ts min1000 path", "21faac60e4b85a81f2c11f2e"),
            Map.entry("zod_ZodError.ts min50", "21faac60e4b85a81f2c11f2e"),
            Map.entry("zod_ZodError.ts min50 path", "21faac60e4b85a81f2c11f2e"));

    @Test
    void codeOutputsStayByteForByteTheSame() throws IOException {
        Map<String, String> inputs = new TreeMap<>();
        for (String f : FIXTURES) {
            String s = CodeCompressorTest.fixture(f);
            inputs.put(f, s);
            inputs.put(f + " crlf", s.replace("\n", "\r\n"));
        }
        assertThat(CORPUS).isDirectory();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path p : files.sorted().toList()) {
                inputs.put("corpus/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        // Both tree sources: our native build when this build carries it (the default), and the bonede bindings.
        assertPinned(inputs, new CodeCompressor());
        assertPinned(inputs, new CodeCompressor(true, false));
    }

    private static void assertPinned(Map<String, String> inputs, CodeCompressor compressor) {
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, String> in : inputs.entrySet()) {
            String file = in.getKey().split(" ")[0];
            for (int min : new int[] {50, 1_000}) {
                for (String tool : new String[] {null, "src/" + file.substring(file.lastIndexOf('/') + 1)}) {
                    HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(min).build();
                    Compressed c = compressor.compress(in.getValue(), new CompressionContext(config, "", tool,
                            TokenCounters.o200k(), CodeCompressorTest.store()));
                    actual.put(in.getKey() + " min" + min + (tool == null ? "" : " path"), sha(c.output() + "\0"
                            + c.retrievalKeys() + "\0" + c.lossless()));
                }
            }
        }
        // On a deliberate change, the message lists the new entries to paste above.
        StringBuilder entries = new StringBuilder();
        actual.forEach((k, v) -> entries.append("Map.entry(\"").append(k).append("\", \"").append(v)
                .append("\"),\n"));
        assertThat(actual).as(entries::toString).isEqualTo(new TreeMap<>(PINNED));
    }

    private static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
