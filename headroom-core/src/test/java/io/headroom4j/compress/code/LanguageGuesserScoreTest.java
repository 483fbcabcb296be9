package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The guesser's per-line scoring gives the same scores as the plain one it replaced (outputs depend on it). */
final class LanguageGuesserScoreTest {

    private static final String[] FIXTURES = {"blinker_base.py", "semver_range.js", "zod_ZodError.ts",
        "fatih_color.go", "memchr.rs", "jsoup_StringUtil.java", "treesitter_tree_cursor.c",
        "treesitter_node_tree.cc"};

    /** Every signal the scorer looks for, with the characters its gates test. */
    private static final String[] PIECES = {"def ", "async def ", "from ", " import ", "import ", "class ", ":",
        ";", "'", "\"", "{", "elif ", "self.", "\"\"\"", "@property", "if __name__", "function ",
        "async function ", "export function ", "export default ", "module.exports", "require(", "const ", "let ",
        "var ", "=>", "===", "!==", "console.", " from '", " from \"", "interface ", "export interface ",
        "export type ", "type ", " = ", "declare ", "export declare ", "export enum ", "enum ", ": string",
        ": number", ": boolean", ": void", "readonly ", ": any", " as const", "): Promise<", "package ", "func ",
        " := ", "if err != nil", "fmt.", "fn ", "pub fn ", "pub(crate) fn ", "impl ", "impl<", "pub struct ", "#[",
        "use std::", "pub enum ", "mod ", "pub mod ", "let mut ", "(&self", "(&mut self", "Option<", "Result<",
        "::new(", "import java.", "import javax.", "import static ", "public class ", "public final class ",
        "@Override", "public interface ", "private static final ", "public static void main", "System.out.",
        "#include", ".h>", ".h\"", "#define ", "#ifdef", "#ifndef", "#endif", "malloc(", "printf(", "sizeof(",
        "typedef ", "static ", "(", "->", "NULL", "std::", "namespace ", "template <", "template<", "public:",
        "private:", "protected:", "using namespace ", "nullptr", " ", "x", "-", ">", "<", "=", ".", "&", "N",
        "\u00e9", "\ud83d\ude00", "\u2028"};

    @Test
    void scoresEveryLineOfTheFixturesAndTheCorpusAsBefore() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String f : FIXTURES) {
            texts.add(CodeCompressorTest.fixture(f));
        }
        Path corpus = Path.of("..", "headroom-bench", "corpus", "code");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> files = Files.list(corpus)) {
                for (Path p : files.sorted().toList()) {
                    texts.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        int lines = 0;
        for (String text : texts) {
            for (String line : text.split("\n", -1)) {
                assertSameScore(line.strip());
                assertSameScore(line);
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(10_000);
    }

    @Property(tries = 2000)
    void scoresLinesMadeOfSignalsAsBefore(@ForAll("lines") String line) {
        assertSameScore(line);
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.of(PIECES).list().ofMaxSize(8).map(l -> String.join("", l));
    }

    private static void assertSameScore(String line) {
        int[] expected = new int[SourceLanguage.values().length];
        int[] actual = new int[SourceLanguage.values().length];
        if (!line.isEmpty()) {
            referenceScore(line, expected);
        }
        LanguageGuesser.score(line, actual);
        assertThat(actual).as(line).containsExactly(expected);
    }

    /** LanguageGuesser.score as it was before its substring tests were gated by a character mask. */
    private static void referenceScore(String l, int[] s) {
        if (l.isEmpty()) {
            return;
        }
        int py = SourceLanguage.PYTHON.ordinal();
        int js = SourceLanguage.JAVASCRIPT.ordinal();
        int ts = SourceLanguage.TYPESCRIPT.ordinal();
        int go = SourceLanguage.GO.ordinal();
        int rs = SourceLanguage.RUST.ordinal();
        int java = SourceLanguage.JAVA.ordinal();
        int c = SourceLanguage.C.ordinal();
        int cpp = SourceLanguage.CPP.ordinal();

        // Python
        if (l.startsWith("def ") && l.endsWith(":") || l.startsWith("async def ")) {
            s[py] += 3;
        }
        if (l.startsWith("from ") && l.contains(" import ") && !l.endsWith(";") && !l.contains("'")
                && !l.contains("\"")) {
            s[py] += 3;
        }
        if (l.startsWith("import ") && !l.endsWith(";") && !l.contains(" from ") && !l.contains("{")) {
            s[py] += 1;
        }
        if (l.startsWith("class ") && l.endsWith(":")) {
            s[py] += 3;
        }
        if (l.startsWith("elif ") || l.contains("self.") || l.startsWith("\"\"\"") || l.startsWith("@property")) {
            s[py] += 1;
        }
        if (l.startsWith("if __name__")) {
            s[py] += 3;
        }
        // JavaScript
        if (l.startsWith("function ") || l.startsWith("async function ") || l.startsWith("export function ")
                || l.startsWith("export default ") || l.contains("module.exports") || l.contains("require(")) {
            s[js] += 2;
        }
        if (l.startsWith("const ") || l.startsWith("let ") || l.startsWith("var ")) {
            s[js] += 1;
        }
        if (l.contains("=>") || l.contains("===") || l.contains("!==") || l.contains("console.")) {
            s[js] += 1;
        }
        if (l.startsWith("import ") && (l.contains(" from '") || l.contains(" from \""))) {
            s[js] += 2;
        }
        // TypeScript
        if (l.startsWith("interface ") || l.startsWith("export interface ") || l.startsWith("export type ")
                || l.startsWith("type ") && l.contains(" = ") || l.startsWith("declare ")
                || l.startsWith("export declare ") || l.startsWith("export enum ") || l.startsWith("enum ")
                && !l.endsWith(";")) {
            s[ts] += 2;
        }
        if (l.contains(": string") || l.contains(": number") || l.contains(": boolean") || l.contains(": void")
                || l.contains("readonly ") || l.contains(": any") || l.contains(" as const")
                || l.contains("): Promise<")) {
            s[ts] += 1;
        }
        // Go
        if (l.startsWith("package ") && !l.endsWith(";")) {
            s[go] += 3;
        }
        if (l.startsWith("func ")) {
            s[go] += 3;
        }
        if (l.contains(" := ") || l.startsWith("if err != nil") || l.contains("fmt.")) {
            s[go] += 1;
        }
        // Rust
        if (l.startsWith("fn ") || l.startsWith("pub fn ") || l.startsWith("pub(crate) fn ") || l.startsWith("impl ")
                || l.startsWith("impl<") || l.startsWith("pub struct ") || l.startsWith("#[")
                || l.startsWith("use std::")
                || l.startsWith("pub enum ") || l.startsWith("mod ") || l.startsWith("pub mod ")) {
            s[rs] += 2;
        }
        // "(&self" rather than "&self": C code is full of "&self->field".
        if (l.contains("let mut ") || l.contains("(&self") || l.contains("(&mut self") || l.contains("Option<")
                || l.contains("Result<") || l.contains("::new(")) {
            s[rs] += 1;
        }
        // Java
        if (l.startsWith("package ") && l.endsWith(";")) {
            s[java] += 3;
        }
        if (l.startsWith("import java.") || l.startsWith("import javax.") || l.startsWith("import static ")
                || l.startsWith("import ") && l.endsWith(";") && !l.contains("\"") && !l.contains("'")
                && !l.contains(" from ")) {
            s[java] += 2;
        }
        if (l.startsWith("public class ") || l.startsWith("public final class ") || l.startsWith("@Override")
                || l.startsWith("public interface ") || l.startsWith("private static final ")
                || l.startsWith("public static void main") || l.contains("System.out.")) {
            s[java] += 2;
        }
        // C and C++
        if (l.startsWith("#include")) {
            if (l.contains(".h>") || l.contains(".h\"")) {
                s[c] += 2;
            } else {
                s[cpp] += 2;
            }
        }
        if (l.startsWith("#define ") || l.startsWith("#ifdef") || l.startsWith("#ifndef") || l.startsWith("#endif")
                || l.contains("malloc(") || l.contains("printf(") || l.contains("sizeof(")
                || l.startsWith("typedef ") || l.startsWith("static ") && l.contains("(")) {
            s[c] += 1;
        }
        if (l.contains("->") && l.endsWith(";") || l.contains("NULL")) {
            s[c] += 1;   // C and C++ (which adds C's score when its own signals are present)
        }
        if (l.contains("std::") || l.startsWith("namespace ") || l.startsWith("template <") || l.startsWith("template<")
                || l.startsWith("public:") || l.startsWith("private:") || l.startsWith("protected:")
                || l.startsWith("using namespace ") || l.contains("nullptr")) {
            s[cpp] += 2;
        }
    }
}
