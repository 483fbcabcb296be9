package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import org.treesitter.TSParser;
import org.treesitter.TSTree;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * The parse that skips function bodies must give the same output, byte for byte, as the full parse: on real
 * files always, and on mutated files and arbitrary text whenever the text parses cleanly (see
 * {@link #assertSameAsFullParseWhenItParsesCleanly}).
 */
final class RangedParseEquivalenceTest {

    static final List<String> FILES = List.of("blinker_base.py", "semver_range.js", "zod_ZodError.ts",
            "fatih_color.go", "memchr.rs", "jsoup_StringUtil.java", "treesitter_tree_cursor.c",
            "treesitter_node_tree.cc");

    /** Lines that are hard for a lexer: braces in strings, chars, comments, regexes, raw strings, lambdas. */
    static final Map<String, List<String>> TRICKY = Map.of(
            "js", List.of("  const s = \"{ not a brace\";", "  // a comment with { brace", "  /* } */",
                    "  const r = /[{}]+\\//g;", "  const t = `a ${ {x: 1}.x } }`;", "  const q = 'it\\'s {';",
                    "  const f = (a) => {", "  };", "  x = a / b / c;", "  function inner() {", "  }",
                    "  class K { m() { return 1 } }", "}", "{", "const o = { a() { return '}' } };"),
            "ts", List.of("  const s: string = \"{\";", "  // {", "  let f = (): void => {", "  };",
                    "  type T = { a: string };", "  interface I { m(): void }", "}", "{", "  `${'}'}`;"),
            "go", List.of("\ts := \"{\"", "\tr := '{'", "\traw := `}\n{`", "\t// {", "\tf := func() {", "\t}", "}", "{",
                    "\t/* } */"),
            "rs", List.of("    let s = \"{\";", "    let c = '}';", "    let r = r#\"}\"#;", "    // {",
                    "    /* /* } */ */", "    let f = |x| {", "    };", "fn x<'a>(s: &'a str) {", "}", "{"),
            "java", List.of("        String s = \"{\";", "        char c = '}';", "        // {", "        /* } */",
                    "        Runnable r = () -> {", "        };", "        String tb = \"\"\"\n  }\n  \"\"\";",
                    "    class Inner { void m() { } }", "}", "{", "    static {", "    }"),
            "c", List.of("    const char *s = \"{\";", "    char c = '}';", "    // {", "    /* } */", "#if 0",
                    "#endif", "#define LB {", "}", "{", "    // line \\", "    continued {"),
            "cc", List.of("    auto s = R\"x({)x\";", "    char c = '}';", "    auto l = [&](int a) {", "    };",
                    "    int n = 1'000;", "}", "{", "#ifdef X", "#endif", "namespace n {", "class C { void m() {} };"),
            "py", List.of("    x = '{'", "    def f():", "        pass", "\"\"\"", "}", "    s = \"\"\"\ndef g():\n\"\"\"",
                    "    t = f\"{a['k']} {b:>{w}} {{\"", "    u = (1,\n2)", "    w = 1 + \\\n        2", "    @decorator",
                    "    async def g(self):", "        await x", "# column-0 comment", "            # deep comment",
                    "    else:", "        except ValueError:", "\tx = 1", "    y = r'\\''", "    '''", "    z = rb'\\x00'",
                    "        if x: return 1", "    match x:", "        case 1:", "            pass", "    return (",
                    "class K:", "        \"\"\"Doc.\n\n        More.\n        \"\"\"", "    v = x[1:2]  # :"));

    private final CodeCompressor ranged = new CodeCompressor(true);
    private final CodeCompressor full = new CodeCompressor(false);

    static CompressionContext ctx(String tool) {
        return context(tool);
    }

    private static CompressionContext context(String tool) {
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(50).build();
        return new CompressionContext(config, "", tool, TokenCounters.o200k(), CodeCompressorTest.store());
    }

    private void assertSameAsFullParse(String source, String tool) {
        Compressed a = ranged.compress(source, context(tool));
        Compressed b = full.compress(source, context(tool));
        assertThat(a).isEqualTo(b);
    }

    /**
     * Same output as the full parse, unless a skipped body does not parse: then tree-sitter's error recovery
     * in the full parse can reach beyond that body, which no pre-pass can foresee without parsing it. The
     * ranged output must then still keep the compressor's contract (markers restore the input exactly).
     */
    private void assertSameAsFullParseWhenItParsesCleanly(String source, String tool) {
        Compressed a = ranged.compress(source, context(tool));
        Compressed b = full.compress(source, context(tool));
        if (a.equals(b)) {
            return;
        }
        CodeCompressor.Analysis analysis = ranged.analyse(source, tool);
        assertThat(analysis.ranged()).as("outputs differ although both parsed in full").isTrue();
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(analysis.language().newGrammar());
            try (TSTree tree = parser.parseString(null, source)) {
                assertThat(tree.getRootNode().hasError()).as("outputs differ on text that parses cleanly").isTrue();
            }
        }
        CompressionStore store = CodeCompressorTest.store();
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(50).build();
        Compressed c = ranged.compress(source, new CompressionContext(config, "", tool, TokenCounters.o200k(), store));
        assertThat(CodeCompressorTest.restore(c.output(), store)).isEqualTo(source);
    }

    static String extension(String file) {
        return file.substring(file.lastIndexOf('.') + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go", "memchr.rs",
            "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"})
    void everyFixtureTakesTheRangedParseAndMatchesTheFullParse(String file) {
        String source = CodeCompressorTest.fixture(file);
        for (String tool : new String[] {null, "src/" + file}) {
            CodeCompressor.Analysis fast = ranged.analyse(source, tool);
            CodeCompressor.Analysis slow = full.analyse(source, tool);
            assertThat(fast.ranged()).as("ranged parse used for %s (tool %s)", file, tool).isTrue();
            assertThat(fast.elisions()).isEqualTo(slow.elisions());
            assertThat(fast.language()).isEqualTo(slow.language());
            assertSameAsFullParse(source, tool);
            assertSameAsFullParse(source.replace("\n", "\r\n"), tool);
        }
    }

    /**
     * Bodies too short to hold an elision are left out of the parse too (their inside can never be elided),
     * one-line bodies included, and the output stays the full parse's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fatih_color.go", "zod_ZodError.ts", "jsoup_StringUtil.java", "memchr.rs"})
    void shortBodiesAreSkippedWithTheSameOutput(String file) {
        String source = CodeCompressorTest.fixture(file);
        SourceLanguage lang = SourceLanguage.forPath(file);
        CodeCompressor.Lines lines = new CodeCompressor.Lines(source);
        CodeCompressor.Plan plan = CodeCompressor.plan(source, lang, lines);
        int shortOnes = 0;
        int oneLine = 0;
        for (int k = 0; k < plan.bodies().size(); k++) {
            int[] b = plan.bodies().get(k);
            if (!plan.sure()[k]) {
                shortOnes++;
                oneLine += lines.rowOf(b[0]) == lines.rowOf(b[1]) ? 1 : 0;
            }
        }
        assertThat(shortOnes).as("short bodies skipped in %s", file).isPositive();
        if (file.endsWith(".go")) {
            assertThat(oneLine).as("one-line bodies skipped").isGreaterThan(20);
        }
        CodeCompressor.skipShortBodies = false;
        try {
            assertThat(CodeCompressor.plan(source, lang, lines).bodies()).hasSizeLessThan(plan.bodies().size());
        } finally {
            CodeCompressor.skipShortBodies = true;
        }
        assertThat(ranged.analyse(source, null).ranged()).isTrue();
        assertSameAsFullParse(source, null);
        assertSameAsFullParse(source.replace("\n", "\r\n"), "a." + extension(file));
    }

    /**
     * A pair of braces the pre-pass takes for a short body must be a body node in the ranged tree, or the
     * text is parsed in full: a destructuring pattern after a statement without ';' is not proposed, and a
     * short body holding a comment, a nested function or a broken statement keeps the full parse's output
     * (the broken statement being the documented exception, pinned here as giving the same output).
     */
    @Test
    void shortBodiesWithCommentsNestedFunctionsOrErrorsKeepTheFullParsesOutput() {
        String js = "f()\nconst { aaaaaaaaaaaa, bbbbbbbbbbbbbbbbb, ccccccccccccccccc } = require('x')\n";
        assertThat(BodyScanner.find(js, SourceLanguage.JAVASCRIPT)).isEmpty();
        String go = CodeCompressorTest.fixture("fatih_color.go");
        for (String edited : List.of(
                go.replace("{ colorPrint(format, FgRed, a...) }", "{\n\t// a\n\t// b\n\t// c\n\t// d\n}"),
                go.replace("{ colorPrint(format, FgRed, a...) }", "{ g := func() { h() }; g() }"),
                go.replace("{ colorPrint(format, FgRed, a...) }", "{\n\t/* x\n\ty */\n\tf()\n}"),
                go.replace("{ colorPrint(format, FgRed, a...) }", "{ colorPrint(format,, FgRed, a...) }"))) {
            assertThat(edited).isNotEqualTo(go);
            assertSameAsFullParseWhenItParsesCleanly(edited, "a.go");
            assertSameAsFullParse(edited, "a.go");
        }
    }

    /**
     * Blocks holding only types (which the walker never looks inside) are left out of the parse as well: on
     * the TypeScript fixture its interfaces and type literals, with the full parse's output; a block with a
     * row that looks like a comment is parsed (the comment scan asks the tree about such rows).
     */
    @Test
    void typeBlocksAreSkippedUnlessARowInsideLooksLikeAComment() {
        String ts = CodeCompressorTest.fixture("zod_ZodError.ts");
        CodeCompressor.Plan plan = CodeCompressor.plan(ts, SourceLanguage.TYPESCRIPT, new CodeCompressor.Lines(ts));
        long typeBlocks = plan.bodies().stream().filter(b -> b.length > 3).count();
        assertThat(typeBlocks).isGreaterThan(15);
        assertThat(ranged.analyse(ts, "a.ts").ranged()).isTrue();
        String commented = "export interface Aaaaaaaaa {\n  // what bbbbbbbbbbb is\n  bbbbbbbbbbb: string;\n}\n"
                + "export interface Ccccccccc {\n  dddddddddddd: string;\n  eeeeeeeeeeee: number;\n}\n";
        List<int[]> found = BodyScanner.find(commented, SourceLanguage.TYPESCRIPT);
        assertThat(found).hasSize(2);
        List<int[]> skipped = CodeCompressor.plan(commented, SourceLanguage.TYPESCRIPT,
                new CodeCompressor.Lines(commented)).bodies();
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0)[0]).isEqualTo(commented.indexOf("Ccccccccc {") + "Ccccccccc ".length());
        String go = "package p\n\ntype T struct {\n\tName    string\n\tAddress string\n}\n";
        assertThat(BodyScanner.find(go, SourceLanguage.GO)).hasSize(1);
        String rs = "struct S {\n    name: String,\n}\nenum E {\n    A(u32),\n    B { x: i64 },\n}\n";
        assertThat(BodyScanner.find(rs, SourceLanguage.RUST)).hasSize(2);
        for (String file : List.of("zod_ZodError.ts", "fatih_color.go", "memchr.rs")) {
            String source = CodeCompressorTest.fixture(file);
            String edited = source.replace("{\n", "{\n  // note\n");
            assertSameAsFullParseWhenItParsesCleanly(edited, "a." + extension(file));
        }
    }

    /**
     * The members after the first of a type alias laid out one per row ({@code type X =} then rows of
     * {@code | member}, the last ending with {@code ;}) are left out of the parse: on the TypeScript fixture
     * its two such unions, with the full parse's output. Look-alikes are checked after the parse and parsed in
     * full: the same rows inside a template string, a union whose middle member ends the statement, and one
     * with a comment row inside (not proposed at all).
     */
    @Test
    void unionTailsOfTypeAliasesAreSkippedWithTheFullParsesOutput() {
        String ts = CodeCompressorTest.fixture("zod_ZodError.ts");
        CodeCompressor.Plan plan = CodeCompressor.plan(ts, SourceLanguage.TYPESCRIPT, new CodeCompressor.Lines(ts));
        // (Union tails start at a row's end; the others are alias tails, see the test below.)
        List<int[]> tails = plan.bodies().stream()
                .filter(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL && ts.charAt(b[0]) == '\n').toList();
        assertThat(tails).hasSize(2);
        assertThat(ts.substring(tails.get(0)[0] + 1, tails.get(0)[1])).startsWith("  | \"url\"\n")
                .endsWith("| { endsWith: string }");
        assertThat(ranged.analyse(ts, "a.ts").ranged()).isTrue();
        assertSameAsFullParse(ts, null);
        assertSameAsFullParse(ts.replace("\n", "\r\n"), "a.ts");

        String body = "export function convert(input: string): Kind {\n"
                + "  const trimmed = input.trim().toLowerCase();\n"
                + "  if (trimmed.length === 0) {\n    throw new Error(\"empty input: \" + input);\n  }\n"
                + "  const found = KINDS.find((k) => k === trimmed);\n"
                + "  return found === undefined ? \"unknown\" : found;\n}\n";
        String union = "export type Kind =\n  | \"alpha\"\n  | \"beta\"\n  | \"gamma\"\n  | \"delta\"\n"
                + "  | { other: string; weight?: number };\n";
        String plain = union + "\n" + body;
        CodeCompressor.Plan p = CodeCompressor.plan(plain, SourceLanguage.TYPESCRIPT,
                new CodeCompressor.Lines(plain));
        assertThat(p.bodies()).anyMatch(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL);
        assertThat(ranged.analyse(plain, "a.ts").ranged()).isTrue();
        assertSameAsFullParse(plain, "a.ts");

        String inTemplate = "const doc = `\n" + union.replace("export ", "") + "`;\n\n" + body;
        assertThat(CodeCompressor.plan(inTemplate, SourceLanguage.TYPESCRIPT,
                new CodeCompressor.Lines(inTemplate)).bodies()).anyMatch(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL);
        assertThat(ranged.analyse(inTemplate, "a.ts").ranged()).isFalse();
        assertSameAsFullParse(inTemplate, "a.ts");

        String commented = union.replace("  | \"gamma\"\n", "  // the third\n  | \"gamma\"\n") + "\n" + body;
        assertThat(CodeCompressor.plan(commented, SourceLanguage.TYPESCRIPT,
                new CodeCompressor.Lines(commented)).bodies()).noneMatch(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL);
        assertSameAsFullParse(commented, "a.ts");

        String broken = union.replace("  | \"beta\"\n", "  | \"beta\";\n") + "\n" + body;
        assertSameAsFullParseWhenItParsesCleanly(broken, "a.ts");
        assertSameAsFullParseWhenItParsesCleanly(ts.replace("  | \"url\"\n", "  | \"url\";\n"), "a.ts");
    }

    /**
     * A type alias whose value starts with a plain name ({@code type X<T> = Name<...> & {...};}) keeps
     * {@code type X<T> = Name} and the {@code ;} in the parse: zod_ZodError.ts has four (a conditional type, two
     * intersections, a one-row conditional), with the full parse's output. Look-alikes are not proposed (a string,
     * a comment or a keyword value, a statement at column 0 before any {@code ;}) or are checked after the parse
     * and parsed in full (the same rows inside a template string).
     */
    @Test
    void aliasTailsAfterAPlainNameAreSkippedWithTheFullParsesOutput() {
        String ts = CodeCompressorTest.fixture("zod_ZodError.ts");
        CodeCompressor.Plan plan = CodeCompressor.plan(ts, SourceLanguage.TYPESCRIPT, new CodeCompressor.Lines(ts));
        List<String> tails = plan.bodies().stream()
                .filter(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL && ts.charAt(b[0]) != '\n')
                .map(b -> ts.substring(b[0] + 1, b[1])).toList();
        assertThat(tails).hasSize(4);
        assertThat(tails.get(0)).isEqualTo(" extends any ? keyof T : never");
        assertThat(tails.get(1)).isEqualTo(" & {\n  fatal?: boolean | undefined;\n  message: string;\n}");
        assertThat(tails.get(2)).startsWith(" extends [any, ...any[]]\n").endsWith("\n      : unknown");
        assertThat(tails.get(3)).startsWith("<ZodIssueOptionalMessage> & {\n");
        assertThat(ranged.analyse(ts, "a.ts").ranged()).isTrue();
        assertSameAsFullParse(ts, null);
        assertSameAsFullParse(ts.replace("\n", "\r\n"), "a.ts");

        String body = "export function convert(input: string): Kind {\n"
                + "  const trimmed = input.trim().toLowerCase();\n"
                + "  if (trimmed.length === 0) {\n    throw new Error(\"empty input: \" + input);\n  }\n"
                + "  const found = KINDS.find((k) => k === trimmed);\n"
                + "  return found === undefined ? \"unknown\" : found;\n}\n";
        String alias = "export type Kind<T extends object, U = string> = Base<T> & {\n  weight?: (n: number) => U;\n"
                + "  nested: { deep: [T, U] };\n} & Extra;\n";
        String plain = alias + "\n" + body;
        assertThat(aliasTails(plain)).containsExactly(
                "<T> & {\n  weight?: (n: number) => U;\n  nested: { deep: [T, U] };\n} & Extra");
        assertThat(ranged.analyse(plain, "a.ts").ranged()).isTrue();
        assertSameAsFullParse(plain, "a.ts");

        String inTemplate = "const doc = `\n" + alias.replace("export ", "") + "`;\n\n" + body;
        assertThat(aliasTails(inTemplate)).hasSize(1);
        assertThat(ranged.analyse(inTemplate, "a.ts").ranged()).isFalse();
        assertSameAsFullParse(inTemplate, "a.ts");

        for (String lookAlike : new String[] {
            alias.replace("nested:", "// nested\n  nested:"),
            alias.replace("(n: number)", "(n: \"a;b\")"),
            alias.replace("= Base<T>", "= keyof Base<T>"),
            alias.replace("} & Extra;", "}\nconst extra = 1;"),
            alias.replace("  nested", "nested"),
        }) {
            String text = lookAlike + "\n" + body;
            assertThat(aliasTails(text)).as(lookAlike).isEmpty();
            assertSameAsFullParseWhenItParsesCleanly(text, "a.ts");
        }
    }

    /**
     * An array literal laid out as one plain string per row (zod_ZodError.ts's {@code arrayToEnum([...])}) is left
     * out of the parse, in TypeScript and JavaScript, with the full parse's output; the same rows inside a comment
     * or a template string are checked after the parse and parsed in full; a row with an escape, a template or a
     * second value is not proposed.
     */
    @Test
    void arraysOfStringsOnePerRowAreSkippedWithTheFullParsesOutput() {
        String ts = CodeCompressorTest.fixture("zod_ZodError.ts");
        assertThat(stringArrays(ts, SourceLanguage.TYPESCRIPT)).containsExactly(
                ts.substring(ts.indexOf("arrayToEnum([") + "arrayToEnum([".length(), ts.indexOf("]);",
                        ts.indexOf("\"invalid_type\""))));
        assertThat(ranged.analyse(ts, "a.ts").ranged()).isTrue();
        assertSameAsFullParse(ts, null);
        assertSameAsFullParse(ts.replace("\n", "\r\n"), "a.ts");

        String body = "function convert(input) {\n"
                + "  const trimmed = input.trim().toLowerCase();\n"
                + "  if (trimmed.length === 0) {\n    throw new Error(\"empty input: \" + input);\n  }\n"
                + "  const found = KINDS.find((k) => k === trimmed);\n"
                + "  return found === undefined ? \"unknown\" : found;\n}\n";
        String array = "const KINDS = [\n  \"alpha\",\n  'beta',\n  \"gamma\",\n  \"delta\"\n];\n";
        String js = array + "\n" + body;
        assertThat(stringArrays(js, SourceLanguage.JAVASCRIPT)).hasSize(1);
        assertThat(ranged.analyse(js, "a.js").ranged()).isTrue();
        assertSameAsFullParse(js, "a.js");

        for (String hidden : new String[] {"/*\n" + array + "*/\n", "const doc = `\n" + array + "`;\n"}) {
            String text = hidden + "\n" + body;
            assertThat(stringArrays(text, SourceLanguage.JAVASCRIPT)).hasSize(1);
            assertThat(ranged.analyse(text, "a.js").ranged()).isFalse();
            assertSameAsFullParse(text, "a.js");
        }
        for (String lookAlike : new String[] {
            array.replace("'beta'", "'be\\'ta'"),
            array.replace("'beta'", "`beta`"),
            array.replace("'beta',", "'beta', f(),"),
            array.replace("  \"gamma\",\n", "  // gamma\n"),
        }) {
            String text = lookAlike + "\n" + body;
            assertThat(stringArrays(text, SourceLanguage.JAVASCRIPT)).as(lookAlike).isEmpty();
            assertSameAsFullParseWhenItParsesCleanly(text, "a.js");
        }
    }

    private static List<String> stringArrays(String text, SourceLanguage lang) {
        CodeCompressor.Plan plan = CodeCompressor.plan(text, lang, new CodeCompressor.Lines(text));
        return plan == null ? List.of() : plan.bodies().stream()
                .filter(b -> b.length > 3 && b[3] == CodeCompressor.STRING_ARRAY)
                .map(b -> text.substring(b[0] + 1, b[1])).toList();
    }

    private static List<String> aliasTails(String ts) {
        CodeCompressor.Plan plan = CodeCompressor.plan(ts, SourceLanguage.TYPESCRIPT, new CodeCompressor.Lines(ts));
        return plan == null ? List.of() : plan.bodies().stream()
                .filter(b -> b.length > 3 && b[3] == CodeCompressor.UNION_TAIL && ts.charAt(b[0]) != '\n')
                .map(b -> ts.substring(b[0] + 1, b[1])).toList();
    }

    /** The Python corpus files of the benchmark module (real files, see its README). */
    @ParameterizedTest
    @ValueSource(strings = {"py-click-core.py", "py-requests-sessions.py"})
    void pythonCorpusFilesTakeTheRangedParseAndMatchTheFullParse(String file) {
        String source = corpus(file);
        assertThat(ranged.analyse(source, null).ranged()).isTrue();
        assertThat(ranged.analyse(source, null).elisions()).isEqualTo(full.analyse(source, null).elisions());
        assertSameAsFullParse(source, null);
        assertSameAsFullParse(source.replace("\n", "\r\n"), "a.py");
    }

    @Test
    void pythonBodiesKeepTheirFirstAndLastStatementsInTheParse() {
        String py = "@deco\nasync def f(a,\n      b):\n    \"\"\"Doc.\n\n    More.\n    \"\"\"\n    x = (1,\n2)\n"
                + "    if x:\n        y = '''\ndef g():\n'''\n    else:\n        pass\n    # note\n"
                + "    return f\"{x!r:>{w}}\"\n\n\nclass K:\n    def m(self):\n        pass\n";
        List<int[]> ranges = BodyScanner.find(py, SourceLanguage.PYTHON);
        assertThat(ranges).hasSize(1);
        // Skipped: from the line after the docstring to the line of the return statement.
        assertThat(py.substring(ranges.get(0)[0] + 1, ranges.get(0)[1])).startsWith("    x = (1,")
                .endsWith("    # note\n");
    }

    /** Python functions whose last statement is compound, in every clause shape the tail keeps. */
    static final String PYTHON_TAILS = """
            import os


            def walk(root, seen):
                \"\"\"Walks the tree.

                Returns the names.
                \"\"\"
                names = []
                for entry in os.scandir(root):
                    if entry.name in seen:
                        continue
                    seen.add(entry.name)
                    # a comment between statements
                    if entry.is_dir():
                        names.extend(walk(entry.path, seen))
                        count = len(names)
                    elif entry.is_symlink():
                        names.append("link:" + entry.name)
                    else:
                        stat = entry.stat()
                        names.append(entry.name)
                        names.append(str(stat.st_size))
                else:
                    names.append("done")


            def guarded(path, retries=3):
                while retries > 0:
                    retries -= 1
                    try:
                        handle = open(path)
                        data = handle.read()
                        handle.close()
                    except OSError as error:
                        print("retrying", error)
                        continue
                    else:
                        data = data.strip()
                        print("read", len(data))
                    finally:
                        print("attempt over")
                        retries = retries


            async def served(request, handlers):
                if request is None:
                    for handler in handlers:
                        handler.reset()
                    return None
                else: pass
                async with handlers[0] as h:
                    result = await h.handle(request)
                    result.finish()
                    match result.status:
                        case 200:
                            print("ok")
                        case 404:
                            print("missing")
                            result.log()
                        case _:
                            print("other")
                            result.log()
                            result.raise_for_status()


            def decorating(fn):
                name = fn.__name__
                print("decorating", name)

                @functools.wraps(fn)
                def wrapper(*args, **kwargs):
                    print("calling", name)
                    value = fn(*args, **kwargs)
                    print("called", name)
                    return value
            """;

    @Test
    void pythonBodiesKeepOnlyTheTailOfACompoundLastStatement() {
        List<int[]> ranges = BodyScanner.find(PYTHON_TAILS, SourceLanguage.PYTHON);
        StringBuilder parsed = new StringBuilder();
        int at = 0;
        for (int[] r : ranges) {
            parsed.append(PYTHON_TAILS, at, r[0] + 1);
            at = r[1];
        }
        String kept = parsed.append(PYTHON_TAILS.substring(at)).toString();
        // Clause headers, one simple statement of each clause but the last, and the last line of each
        // function stay; the first statement of each body stays whole.
        assertThat(kept).isEqualTo("""
                import os


                def walk(root, seen):
                    \"\"\"Walks the tree.

                    Returns the names.
                    \"\"\"
                    for entry in os.scandir(root):
                        seen.add(entry.name)
                        # a comment between statements
                    else:
                        names.append("done")


                def guarded(path, retries=3):
                    while retries > 0:
                        try:
                            handle = open(path)
                        except OSError as error:
                            print("retrying", error)
                        else:
                            data = data.strip()
                        finally:
                            retries = retries


                async def served(request, handlers):
                    if request is None:
                        for handler in handlers:
                            handler.reset()
                        return None
                    else: pass
                    async with handlers[0] as h:
                        match result.status:
                            case _:
                                result.raise_for_status()


                def decorating(fn):
                    name = fn.__name__
                    @functools.wraps(fn)
                    def wrapper(*args, **kwargs):
                        return value
                """);
        CodeCompressor.Analysis analysis = ranged.analyse(PYTHON_TAILS, null);
        assertThat(analysis.ranged()).isTrue();
        assertThat(analysis.elisions()).hasSize(4).isEqualTo(full.analyse(PYTHON_TAILS, null).elisions());
        assertSameAsFullParse(PYTHON_TAILS, null);
        assertSameAsFullParse(PYTHON_TAILS.replace("\n", "\r\n"), "a.py");
    }

    /** {@link #PYTHON_TAILS} mutated as in {@link #mutatedFiles}. */
    @Provide
    Arbitrary<String[]> mutatedTails() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 6),
                Arbitraries.of("", "\r\n", "tool")).as((seed, edits, twist) -> mutated(PYTHON_TAILS,
                        TRICKY.get("py"), seed, edits, twist, "x/a.py"));
    }

    @Property(tries = 200)
    void mutatedPythonTailsGiveTheSameOutputAsTheFullParseUnlessABodyIsBroken(
            @ForAll("mutatedTails") String[] input) {
        assertSameAsFullParseWhenItParsesCleanly(input[0], input[1]);
        boolean same = ranged.compress(input[0], context(input[1])).equals(full.compress(input[0], context(input[1])));
        Statistics.collect(ranged.analyse(input[0], input[1]).ranged() ? "ranged parse" : "full parse",
                same ? "same output" : "differs (a skipped body does not parse)");
    }

    @Test
    void pythonTextTheLexerIsUnsureOfIsLeftToTheFullParse() {
        String body = "    a = 1\n    b = 2\n    c = 3\n";
        assertThat(BodyScanner.find("def f():\n" + body, SourceLanguage.PYTHON)).hasSize(1);
        assertThat(BodyScanner.find("def f():\n    s = 'open\n" + body, SourceLanguage.PYTHON)).isNull();
        assertThat(BodyScanner.find("def f():\n    s = (1,\n" + body, SourceLanguage.PYTHON)).isNull();
        assertThat(BodyScanner.find("def f():\r    a = 1\r" + body, SourceLanguage.PYTHON)).isNull();
        assertThat(BodyScanner.find("def f():\n\f    a = 1\n" + body, SourceLanguage.PYTHON)).isNull();
        assertThat(BodyScanner.find("def f():\n    s = f\"{d[\"k\"]}\"\n" + body, SourceLanguage.PYTHON)).isNull();
        // Layouts the full parse may read differently (an unexpected indent, a column-0 comment inside the
        // body, tabs against spaces): no range proposed.
        assertThat(BodyScanner.find("def f():\n" + body.replace("b = 2", "  b = 2"), SourceLanguage.PYTHON))
                .isEmpty();
        assertThat(BodyScanner.find("def f():\n" + body.replace("b = 2\n", "b = 2\n# c0\n"), SourceLanguage.PYTHON))
                .isEmpty();
        assertThat(BodyScanner.find("def f():\n" + body.replace("    b", "\tb"), SourceLanguage.PYTHON)).isEmpty();
    }

    @Test
    void bracesInsideStringsCommentsAndRegexesDoNotEndABody() {
        String js = "function f(a) {\n  const s = \"}\";\n  // }\n  const r = /}/;\n  const t = `}${'}'}`;\n"
                + "  return a + 1;\n}\n";
        List<int[]> bodies = BodyScanner.find(js, SourceLanguage.JAVASCRIPT);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)[1]).isEqualTo(js.lastIndexOf('}'));
    }

    @Test
    void unbalancedTextIsLeftToTheFullParse() {
        assertThat(BodyScanner.find("void f() {\n  int x;\n", SourceLanguage.JAVA)).isNull();
        assertThat(BodyScanner.find("void f() {\n  )\n}\n", SourceLanguage.C)).isNull();
        assertThat(BodyScanner.find("const s = \"open\nfunction f() {}", SourceLanguage.JAVASCRIPT)).isNull();
    }

    @Test
    void classesAreLookedIntoAndMethodBodiesSkipped() {
        String java = "class A {\n  void f() throws X, Y {\n    g();\n  }\n  Runnable r = new Runnable() {\n"
                + "    public void run() {\n      h();\n    }\n  };\n  static {\n    i();\n  }\n}\n";
        List<int[]> bodies = BodyScanner.find(java, SourceLanguage.JAVA);
        assertThat(bodies).hasSize(3);
    }

    /**
     * The known exception, pinned: a statement that does not parse inside a skipped constructor body. The
     * full parse's error recovery then also loses the later methods, the ranged parse does not; the ranged
     * output differs but keeps the contract, and is the same on every call.
     */
    @Test
    void aBrokenStatementInsideASkippedBodyMayChangeTheViewButNeverTheContract() {
        String broken = CodeCompressorTest.fixture("zod_ZodError.ts")
                .replace("    super();\n", "    super();\n    [P in allKeys<T>]?: U[];\n");
        Compressed fast = ranged.compress(broken, context("a.ts"));
        assertThat(fast).isNotEqualTo(full.compress(broken, context("a.ts")));
        assertThat(ranged.compress(broken, context("a.ts"))).isEqualTo(fast);
        assertSameAsFullParseWhenItParsesCleanly(broken, "a.ts");
    }

    /** Real files with lines deleted, duplicated or replaced by tricky ones, and line ends changed. */
    @Provide
    Arbitrary<String[]> mutatedFiles() {
        return Combinators.combine(Arbitraries.of(FILES), Arbitraries.longs(), Arbitraries.integers().between(0, 12),
                Arbitraries.of("", "\r\n", "tool")).as((file, seed, edits, twist) -> mutated(
                        CodeCompressorTest.fixture(file), TRICKY.get(extension(file)), seed, edits, twist, "x/" + file));
    }

    /**
     * {@code text} with {@code edits} random lines deleted, duplicated or replaced by (or preceded by) one of
     * {@code tricky}, then CRLF line ends ({@code twist} "\r\n") or the path {@code tool} given ("tool").
     */
    static String[] mutated(String text, List<String> tricky, long seed, int edits, String twist,
                                    String tool) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        Random random = new Random(seed);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.add(at, tricky.get(random.nextInt(tricky.size())));
                default -> lines.set(at, tricky.get(random.nextInt(tricky.size())));
            }
        }
        String s = String.join("\n", lines) + "\n";
        if (twist.equals("\r\n")) {
            s = s.replace("\n", "\r\n");
        }
        return new String[] {s, twist.equals("tool") ? tool : null};
    }

    @Property(tries = 400)
    void mutatedFilesGiveTheSameOutputAsTheFullParseUnlessABodyIsBroken(@ForAll("mutatedFiles") String[] input) {
        assertSameAsFullParseWhenItParsesCleanly(input[0], input[1]);
    }

    /** Python files mutated as in {@link #mutatedFiles}, more of them: Python has its own pre-pass. */
    @Provide
    Arbitrary<String[]> mutatedPython() {
        return Combinators.combine(Arbitraries.of("blinker_base.py", "py-requests-sessions.py"), Arbitraries.longs(),
                Arbitraries.integers().between(0, 8), Arbitraries.of("", "\r\n", "tool")).as((file, seed, edits,
                        twist) -> mutated(file.startsWith("py-") ? corpus(file) : CodeCompressorTest.fixture(file),
                        TRICKY.get("py"), seed, edits, twist, "x/a.py"));
    }

    @Property(tries = 300)
    void mutatedPythonGivesTheSameOutputAsTheFullParseUnlessABodyIsBroken(@ForAll("mutatedPython") String[] input) {
        assertSameAsFullParseWhenItParsesCleanly(input[0], input[1]);
        boolean same = ranged.compress(input[0], context(input[1])).equals(full.compress(input[0], context(input[1])));
        Statistics.collect(ranged.analyse(input[0], input[1]).ranged() ? "ranged parse" : "full parse",
                same ? "same output" : "differs (a skipped body does not parse)");
    }

    static String corpus(String file) {
        try {
            return Files.readString(Path.of("..", "headroom-bench", "corpus", "code", file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fragments of real files cut anywhere, so bodies are cut open and braces left unbalanced. */
    @Provide
    Arbitrary<String> fragments() {
        return Combinators.combine(Arbitraries.of(FILES), Arbitraries.integers().between(0, 30_000),
                Arbitraries.integers().between(200, 30_000)).as((file, from, len) -> {
                    String s = CodeCompressorTest.fixture(file);
                    int start = Math.min(from, s.length() - 1);
                    return s.substring(start, Math.min(s.length(), start + len));
                });
    }

    @Property(tries = 150)
    void fragmentsGiveTheSameOutputAsTheFullParseUnlessABodyIsBroken(@ForAll("fragments") String source) {
        assertSameAsFullParseWhenItParsesCleanly(source, null);
    }

    @Property(tries = 150)
    void arbitraryTextGivesTheSameOutputAsTheFullParseUnlessABodyIsBroken(@ForAll String text) {
        assertSameAsFullParseWhenItParsesCleanly(text, null);
        assertSameAsFullParseWhenItParsesCleanly(text, "a.rs");
    }

    @Test
    void binaryHugeLinesAndLoneSurrogatesDoNotThrow() {
        String java = CodeCompressorTest.fixture("jsoup_StringUtil.java");
        assertSameAsFullParseWhenItParsesCleanly(java.replace("return", "return \uD800"), null);
        assertSameAsFullParse(java.replace("return", "return \uD83D\uDE00\u00e9"), "a.java");
        assertSameAsFullParseWhenItParsesCleanly("void f() {\n" + "x".repeat(200_000) + "\n}\n".repeat(3), "a.c");
        assertSameAsFullParseWhenItParsesCleanly(java.replace("\n", "\u0000\n"), null);
        assertSameAsFullParseWhenItParsesCleanly(java.replace('\n', '\r'), "a.java");
    }

}
