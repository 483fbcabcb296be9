package io.headroom4j.compress.code;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses the language of source text from a path named in its first lines, or else from a vote of
 * cheap per-line signals over a sample of lines. The guess only picks which grammar to try: the
 * {@link CodeCompressor} still checks that the text parses cleanly with it.
 */
final class LanguageGuesser {

    private static final int SAMPLE_LINES = 400;
    private static final int SAMPLE_CHARS = 32 * 1024;

    /** A path with a known extension, in a header line such as {@code ==> src/a.py <==} or {@code File: a.go}. */
    private static final Pattern PATH = Pattern.compile(
            "([\\w./\\\\-]+\\.(?:py|pyi|js|mjs|cjs|jsx|ts|mts|cts|go|rs|java|c|h|cc|cpp|cxx|hpp|hh|hxx))\\b");

    private LanguageGuesser() {
    }

    /** The language of a path in the first two lines of {@code text}, or null. */
    static SourceLanguage fromHeader(String text) {
        int end = 0;
        for (int lines = 0; lines < 2 && end >= 0 && end < text.length(); lines++) {
            end = text.indexOf('\n', end + 1);
        }
        String head = text.substring(0, end < 0 ? Math.min(text.length(), 512) : Math.min(end, 512));
        // Only short header-like lines count: a path inside a code line (an import) says nothing.
        for (String line : head.split("\n", -1)) {
            String t = line.strip();
            if (t.length() > 200 || t.isEmpty()) {
                continue;
            }
            boolean headerish = t.startsWith("==>") || t.startsWith("File:") || t.startsWith("file:")
                    || t.startsWith("// ") || t.startsWith("# ") || t.startsWith("---") || t.startsWith("+++")
                    || t.endsWith(":") || !t.contains(" ");
            if (!headerish) {
                continue;
            }
            Matcher m = PATH.matcher(t);
            if (m.find()) {
                return SourceLanguage.forPath(m.group(1));
            }
        }
        return null;
    }

    /**
     * Languages ranked by evidence, best first; only languages with some evidence are listed, so the
     * result may be empty.
     */
    static SourceLanguage[] rank(String text) {
        int[] score = new int[SourceLanguage.values().length];
        int len = Math.min(text.length(), SAMPLE_CHARS);
        int lineStart = 0;
        int lines = 0;
        while (lineStart < len && lines < SAMPLE_LINES) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 || nl > len ? len : nl;
            // text.substring(lineStart, lineEnd).strip() with one copy instead of two.
            int from = lineStart;
            int to = lineEnd;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            score(text.substring(from, to), score);
            lines++;
            lineStart = lineEnd + 1;
        }
        // TypeScript is a superset of JavaScript: its own signals decide between them.
        int ts = SourceLanguage.TYPESCRIPT.ordinal();
        int js = SourceLanguage.JAVASCRIPT.ordinal();
        if (score[ts] >= 2) {
            score[ts] += score[js];
        }
        int cpp = SourceLanguage.CPP.ordinal();
        int c = SourceLanguage.C.ordinal();
        if (score[cpp] >= 2) {
            score[cpp] += score[c];
        }
        int n = 0;
        for (int s : score) {
            if (s > 0) {
                n++;
            }
        }
        SourceLanguage[] ranked = new SourceLanguage[n];
        boolean[] used = new boolean[score.length];
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int i = 0; i < score.length; i++) {
                if (!used[i] && score[i] > 0 && (best < 0 || score[i] > score[best])) {
                    best = i;
                }
            }
            used[best] = true;
            ranked[k] = SourceLanguage.values()[best];
        }
        return ranked;
    }

    /**
     * Adds the evidence of one stripped line to {@code s}. A substring test is tried only when the line holds
     * a character of the substring (a presence mask of the line's ASCII characters, made in one pass), which
     * spares most of the ~30 scans per line and gives the same answers: {@code l.contains(x)} implies every
     * character of {@code x} occurs in {@code l}. A prefix test compares the line's first character first (written
     * out at each test: a helper method doing it was not inlined into this large method by the JIT, and its
     * ~60 calls per line were a fifth of the guess).
     */
    static void score(String l, int[] s) {
        int length = l.length();
        if (length == 0) {
            return;
        }
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < length; i++) {
            char ch = l.charAt(i);
            // Java masks a long shift to its low 6 bits: 1L << ch is bit (ch % 64).
            if (ch < 64) {
                lo |= 1L << ch;
            } else if (ch < 128) {
                hi |= 1L << ch;
            }
        }
        boolean colon = (lo & 1L << ':') != 0;
        boolean equals = (lo & 1L << '=') != 0;
        boolean dot = (lo & 1L << '.') != 0;
        boolean paren = (lo & 1L << '(') != 0;
        boolean less = (lo & 1L << '<') != 0;
        boolean greater = (lo & 1L << '>') != 0;
        boolean quote = (lo & 1L << '\'') != 0;
        boolean dquote = (lo & 1L << '"') != 0;
        boolean amp = (lo & 1L << '&') != 0;
        boolean dash = (lo & 1L << '-') != 0;
        boolean brace = (hi & 1L << '{') != 0;
        boolean bigN = (hi & 1L << 'N') != 0;
        boolean t = (hi & 1L << 't') != 0;
        boolean y = (hi & 1L << 'y') != 0;
        boolean p = (hi & 1L << 'p') != 0;
        char first = l.charAt(0);

        int py = SourceLanguage.PYTHON.ordinal();
        int js = SourceLanguage.JAVASCRIPT.ordinal();
        int ts = SourceLanguage.TYPESCRIPT.ordinal();
        int go = SourceLanguage.GO.ordinal();
        int rs = SourceLanguage.RUST.ordinal();
        int java = SourceLanguage.JAVA.ordinal();
        int c = SourceLanguage.C.ordinal();
        int cpp = SourceLanguage.CPP.ordinal();

        // Python
        if (first == 'd' && l.startsWith("def ") && l.endsWith(":") || first == 'a' && l.startsWith("async def ")) {
            s[py] += 3;
        }
        if (first == 'f' && l.startsWith("from ") && l.contains(" import ") && !l.endsWith(";") && !quote && !dquote) {
            s[py] += 3;
        }
        if (first == 'i' && l.startsWith("import ") && !l.endsWith(";") && !l.contains(" from ") && !brace) {
            s[py] += 1;
        }
        if (first == 'c' && l.startsWith("class ") && l.endsWith(":")) {
            s[py] += 3;
        }
        if (first == 'e' && l.startsWith("elif ") || dot && l.contains("self.")
                || first == '"' && l.startsWith("\"\"\"") || first == '@' && l.startsWith("@property")) {
            s[py] += 1;
        }
        if (first == 'i' && l.startsWith("if __name__")) {
            s[py] += 3;
        }
        // JavaScript
        if (first == 'f' && l.startsWith("function ") || first == 'a' && l.startsWith("async function ")
                || first == 'e' && l.startsWith("export function ")
                || first == 'e' && l.startsWith("export default ") || dot && l.contains("module.exports")
                || paren && l.contains("require(")) {
            s[js] += 2;
        }
        if (first == 'c' && l.startsWith("const ") || first == 'l' && l.startsWith("let ")
                || first == 'v' && l.startsWith("var ")) {
            s[js] += 1;
        }
        if (equals && (l.contains("=>") || l.contains("===") || l.contains("!==")) || dot && l.contains("console.")) {
            s[js] += 1;
        }
        if (first == 'i' && l.startsWith("import ") && (quote && l.contains(" from '")
                || dquote && l.contains(" from \""))) {
            s[js] += 2;
        }
        // TypeScript
        if (first == 'i' && l.startsWith("interface ") || first == 'e' && l.startsWith("export interface ")
                || first == 'e' && l.startsWith("export type ")
                || first == 't' && l.startsWith("type ") && equals && l.contains(" = ")
                || first == 'd' && l.startsWith("declare ")
                || first == 'e' && l.startsWith("export declare ")
                || first == 'e' && l.startsWith("export enum ") || first == 'e' && l.startsWith("enum ")
                && !l.endsWith(";")) {
            s[ts] += 2;
        }
        if (colon && (l.contains(": string") || l.contains(": number") || l.contains(": boolean")
                || l.contains(": void") || l.contains(": any") || less && l.contains("): Promise<"))
                || y && l.contains("readonly ") || t && l.contains(" as const")) {
            s[ts] += 1;
        }
        // Go
        if (first == 'p' && l.startsWith("package ") && !l.endsWith(";")) {
            s[go] += 3;
        }
        if (first == 'f' && l.startsWith("func ")) {
            s[go] += 3;
        }
        if (colon && equals && l.contains(" := ") || first == 'i' && l.startsWith("if err != nil")
                || dot && l.contains("fmt.")) {
            s[go] += 1;
        }
        // Rust
        if (first == 'f' && l.startsWith("fn ") || first == 'p' && l.startsWith("pub fn ")
                || first == 'p' && l.startsWith("pub(crate) fn ") || first == 'i' && l.startsWith("impl ")
                || first == 'i' && l.startsWith("impl<") || first == 'p' && l.startsWith("pub struct ")
                || first == '#' && l.startsWith("#[")
                || first == 'u' && l.startsWith("use std::")
                || first == 'p' && l.startsWith("pub enum ") || first == 'm' && l.startsWith("mod ")
                || first == 'p' && l.startsWith("pub mod ")) {
            s[rs] += 2;
        }
        // "(&self" rather than "&self": C code is full of "&self->field".
        if (t && l.contains("let mut ") || amp && (l.contains("(&self") || l.contains("(&mut self"))
                || less && (l.contains("Option<") || l.contains("Result<")) || colon && l.contains("::new(")) {
            s[rs] += 1;
        }
        // Java
        if (first == 'p' && l.startsWith("package ") && l.endsWith(";")) {
            s[java] += 3;
        }
        if (first == 'i' && l.startsWith("import java.") || first == 'i' && l.startsWith("import javax.")
                || first == 'i' && l.startsWith("import static ")
                || first == 'i' && l.startsWith("import ") && l.endsWith(";") && !dquote && !quote
                && !l.contains(" from ")) {
            s[java] += 2;
        }
        if (first == 'p' && l.startsWith("public class ") || first == 'p' && l.startsWith("public final class ")
                || first == '@' && l.startsWith("@Override")
                || first == 'p' && l.startsWith("public interface ")
                || first == 'p' && l.startsWith("private static final ")
                || first == 'p' && l.startsWith("public static void main") || dot && l.contains("System.out.")) {
            s[java] += 2;
        }
        // C and C++
        if (first == '#' && l.startsWith("#include")) {
            if (dot && (greater && l.contains(".h>") || dquote && l.contains(".h\""))) {
                s[c] += 2;
            } else {
                s[cpp] += 2;
            }
        }
        if (first == '#' && l.startsWith("#define ") || first == '#' && l.startsWith("#ifdef")
                || first == '#' && l.startsWith("#ifndef") || first == '#' && l.startsWith("#endif")
                || paren && (l.contains("malloc(") || l.contains("printf(") || l.contains("sizeof("))
                || first == 't' && l.startsWith("typedef ") || first == 's' && l.startsWith("static ") && paren) {
            s[c] += 1;
        }
        if (dash && greater && l.contains("->") && l.endsWith(";") || bigN && l.contains("NULL")) {
            s[c] += 1;   // C and C++ (which adds C's score when its own signals are present)
        }
        if (colon && l.contains("std::") || first == 'n' && l.startsWith("namespace ")
                || first == 't' && l.startsWith("template <")
                || first == 't' && l.startsWith("template<")
                || first == 'p' && l.startsWith("public:") || first == 'p' && l.startsWith("private:")
                || first == 'p' && l.startsWith("protected:")
                || first == 'u' && l.startsWith("using namespace ") || p && l.contains("nullptr")) {
            s[cpp] += 2;
        }
    }
}
