package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class LanguageGuesserTest {

    /** The first guess matters: a wrong one costs a second parse (a C file parsed as Rust first took 5x longer). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "blinker_base.py, PYTHON",
        "semver_range.js, JAVASCRIPT",
        "zod_ZodError.ts, TYPESCRIPT",
        "fatih_color.go, GO",
        "memchr.rs, RUST",
        "jsoup_StringUtil.java, JAVA",
        "treesitter_tree_cursor.c, C",
        "treesitter_node_tree.cc, CPP"})
    void ranksTheRightLanguageFirstForRealFiles(String file, SourceLanguage expected) {
        assertThat(LanguageGuesser.rank(CodeCompressorTest.fixture(file))[0]).isEqualTo(expected);
    }

    @Test
    void readsThePathFromAHeaderLine() {
        assertThat(LanguageGuesser.fromHeader("==> src/main.rs <==\nfn main() {}\n")).isEqualTo(SourceLanguage.RUST);
        assertThat(LanguageGuesser.fromHeader("File: lib/util.py\nimport os\n")).isEqualTo(SourceLanguage.PYTHON);
        assertThat(LanguageGuesser.fromHeader("import os.path\nx = 1\n")).isNull();
    }
}
