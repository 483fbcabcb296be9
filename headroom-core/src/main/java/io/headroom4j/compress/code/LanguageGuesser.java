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
     * character of {@code x} occurs in {@code l}.
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
        if (starts(l, first, "def ") && l.endsWith(":") || starts(l, first, "async def ")) {
            s[py] += 3;
        }
        if (starts(l, first, "from ") && l.contains(" import ") && !l.endsWith(";") && !quote && !dquote) {
            s[py] += 3;
        }
        if (starts(l, first, "import ") && !l.endsWith(";") && !l.contains(" from ") && !brace) {
            s[py] += 1;
        }
        if (starts(l, first, "class ") && l.endsWith(":")) {
            s[py] += 3;
        }
        if (starts(l, first, "elif ") || dot && l.contains("self.") || starts(l, first, "\"\"\"") || starts(l, first, "@property")) {
            s[py] += 1;
        }
        if (starts(l, first, "if __name__")) {
            s[py] += 3;
        }
        // JavaScript
        if (starts(l, first, "function ") || starts(l, first, "async function ") || starts(l, first, "export function ")
                || starts(l, first, "export default ") || dot && l.contains("module.exports")
                || paren && l.contains("require(")) {
            s[js] += 2;
        }
        if (starts(l, first, "const ") || starts(l, first, "let ") || starts(l, first, "var ")) {
            s[js] += 1;
        }
        if (equals && (l.contains("=>") || l.contains("===") || l.contains("!==")) || dot && l.contains("console.")) {
            s[js] += 1;
        }
        if (starts(l, first, "import ") && (quote && l.contains(" from '") || dquote && l.contains(" from \""))) {
            s[js] += 2;
        }
        // TypeScript
        if (starts(l, first, "interface ") || starts(l, first, "export interface ") || starts(l, first, "export type ")
                || starts(l, first, "type ") && equals && l.contains(" = ") || starts(l, first, "declare ")
                || starts(l, first, "export declare ") || starts(l, first, "export enum ") || starts(l, first, "enum ")
                && !l.endsWith(";")) {
            s[ts] += 2;
        }
        if (colon && (l.contains(": string") || l.contains(": number") || l.contains(": boolean")
                || l.contains(": void") || l.contains(": any") || less && l.contains("): Promise<"))
                || l.contains("readonly ") || l.contains(" as const")) {
            s[ts] += 1;
        }
        // Go
        if (starts(l, first, "package ") && !l.endsWith(";")) {
            s[go] += 3;
        }
        if (starts(l, first, "func ")) {
            s[go] += 3;
        }
        if (colon && equals && l.contains(" := ") || starts(l, first, "if err != nil") || dot && l.contains("fmt.")) {
            s[go] += 1;
        }
        // Rust
        if (starts(l, first, "fn ") || starts(l, first, "pub fn ") || starts(l, first, "pub(crate) fn ") || starts(l, first, "impl ")
                || starts(l, first, "impl<") || starts(l, first, "pub struct ") || starts(l, first, "#[")
                || starts(l, first, "use std::")
                || starts(l, first, "pub enum ") || starts(l, first, "mod ") || starts(l, first, "pub mod ")) {
            s[rs] += 2;
        }
        // "(&self" rather than "&self": C code is full of "&self->field".
        if (l.contains("let mut ") || amp && (l.contains("(&self") || l.contains("(&mut self"))
                || less && (l.contains("Option<") || l.contains("Result<")) || colon && l.contains("::new(")) {
            s[rs] += 1;
        }
        // Java
        if (starts(l, first, "package ") && l.endsWith(";")) {
            s[java] += 3;
        }
        if (starts(l, first, "import java.") || starts(l, first, "import javax.") || starts(l, first, "import static ")
                || starts(l, first, "import ") && l.endsWith(";") && !dquote && !quote
                && !l.contains(" from ")) {
            s[java] += 2;
        }
        if (starts(l, first, "public class ") || starts(l, first, "public final class ") || starts(l, first, "@Override")
                || starts(l, first, "public interface ") || starts(l, first, "private static final ")
                || starts(l, first, "public static void main") || dot && l.contains("System.out.")) {
            s[java] += 2;
        }
        // C and C++
        if (starts(l, first, "#include")) {
            if (dot && (greater && l.contains(".h>") || dquote && l.contains(".h\""))) {
                s[c] += 2;
            } else {
                s[cpp] += 2;
            }
        }
        if (starts(l, first, "#define ") || starts(l, first, "#ifdef") || starts(l, first, "#ifndef") || starts(l, first, "#endif")
                || paren && (l.contains("malloc(") || l.contains("printf(") || l.contains("sizeof("))
                || starts(l, first, "typedef ") || starts(l, first, "static ") && paren) {
            s[c] += 1;
        }
        if (dash && greater && l.contains("->") && l.endsWith(";") || bigN && l.contains("NULL")) {
            s[c] += 1;   // C and C++ (which adds C's score when its own signals are present)
        }
        if (colon && l.contains("std::") || starts(l, first, "namespace ") || starts(l, first, "template <")
                || starts(l, first, "template<")
                || starts(l, first, "public:") || starts(l, first, "private:") || starts(l, first, "protected:")
                || starts(l, first, "using namespace ") || l.contains("nullptr")) {
            s[cpp] += 2;
        }
    }

    /** {@code l.startsWith(prefix)}, with {@code first = l.charAt(0)} compared first (most prefixes differ there). */
    private static boolean starts(String l, char first, String prefix) {
        return first == prefix.charAt(0) && l.startsWith(prefix);
    }
}
