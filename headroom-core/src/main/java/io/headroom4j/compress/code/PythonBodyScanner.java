package io.headroom4j.compress.code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Python counterpart of {@link BodyScanner}: a lexical pre-pass that finds the statements in the middle
 * of long function bodies, so tree-sitter can be told to skip them ({@code ts_parser_set_included_ranges}).
 *
 * <p>Python has no braces, so a function body cannot be left out whole (an empty block does not parse).
 * Instead each body keeps its first statement (with a docstring, the docstring) and the tail of its last
 * statement in the parse (a compound one keeps its clause headers, one simple statement per clause and the
 * tail of its last clause, see {@link #tail}), and the whole lines in between are skipped. The parsed text is
 * then itself a valid function with the same first and last rows, so the function node, its body block and
 * its docstring have the same positions as in the full parse.
 *
 * <p>The lexer knows strings (prefixes, triple quotes, escapes, f-string replacement fields), comments,
 * backslash continuations and brackets spanning lines, so it splits the text into logical lines as Python
 * does. A body is proposed only when its layout is unambiguous: every statement and comment line inside it
 * is indented with the body's first line's indentation as a prefix, and the line ending it is indented no
 * deeper than the {@code def}. Whenever the lexer is unsure of the text (an unterminated string, unbalanced
 * brackets, a form feed in an indentation, a quote or comment where an f-string field makes it ambiguous),
 * it returns null and the text is parsed in full. As for the brace languages, {@link CodeCompressor} uses the
 * ranged parse only when its tree has no error and every skipped range lies in a function whose marker is
 * kept.
 */
final class PythonBodyScanner {

    /** Clauses that continue the statement before them: a body's last statement cannot start with one. */
    private static final Set<String> CLAUSES = Set.of("else", "elif", "except", "finally");

    /**
     * One logical line (or a comment-only line): where its first physical line starts, the end of its
     * indentation, where it ends (its final '\n', or the text's end), its first word, and whether it opens
     * a block (ends with ':').
     */
    private record Logical(int lineStart, int indentEnd, int end, String first, boolean opensBlock,
                           boolean comment) {
    }

    private final String s;
    private final int n;
    private final List<Logical> logical = new ArrayList<>();

    private PythonBodyScanner(String s) {
        this.s = s;
        this.n = s.length();
    }

    /**
     * Ranges to skip as char offsets {@code [open, close, def start, elided at least, description at most]}:
     * the text strictly between {@code open} (a '\n') and {@code close} (the start of a line) is whole lines
     * of one function body, between its first statement and the tail of its last (see {@link #tail}); a body
     * may give several ranges, each with the function's fewest chars the walker's elided range can hold and
     * the most chars of its marker's description. In document order, not nested. Null when the lexer is
     * unsure of the text.
     */
    static List<int[]> find(String content) {
        try {
            PythonBodyScanner scanner = new PythonBodyScanner(content);
            return scanner.lex() ? scanner.bodies() : null;
        } catch (RuntimeException e) {
            // An index past the end on odd input: unsure, so the caller parses in full.
            return null;
        }
    }

    private List<int[]> bodies() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < logical.size(); i++) {
            Logical line = logical.get(i);
            if (!line.comment() && line.opensBlock() && isDef(line)) {
                int after = body(i, out);
                if (after > i) {
                    // Functions nested in a skipped body are not looked at: the whole body is elided.
                    i = after - 1;
                }
            }
        }
        return out;
    }

    /**
     * Adds the skippable range of the function whose header is logical line {@code d}, if any; returns the
     * index of the logical line after its body, or -1 when nothing was added.
     */
    private int body(int d, List<int[]> out) {
        Logical def = logical.get(d);
        String defIndent = indent(def);
        int j = d + 1;
        while (j < logical.size() && logical.get(j).comment()) {
            j++;
        }
        if (j == logical.size()) {
            return -1;
        }
        String base = indent(logical.get(j));
        if (base.length() <= defIndent.length() || !base.startsWith(defIndent)) {
            return -1;
        }
        // Statement starts at the body's own level; a clause (else, except...) or a decorated definition's
        // line continues the statement it belongs to. The indentation must follow Python's rules (an indent
        // only after a line ending in ':', a dedent only to an enclosing level), or a skipped line could
        // hide an error the full parse would see.
        List<Integer> statements = new ArrayList<>();
        List<String> levels = new ArrayList<>(List.of(base));
        boolean opened = false;
        boolean afterDecorator = false;
        int k = j;
        for (; k < logical.size(); k++) {
            Logical line = logical.get(k);
            String indent = indent(line);
            if (line.comment()) {
                if (!indent.startsWith(base) && nextStatementIsInside(k, base)) {
                    // A comment indented less than the body inside it: leave the layout to the full parse.
                    return -1;
                }
                continue;
            }
            if (!indent.startsWith(base)) {
                break;
            }
            String top = levels.get(levels.size() - 1);
            if (opened) {
                if (indent.length() <= top.length() || !indent.startsWith(top)) {
                    return -1;
                }
                levels.add(indent);
            } else if (!indent.equals(top)) {
                while (levels.size() > 1 && !indent.equals(levels.get(levels.size() - 1))) {
                    levels.remove(levels.size() - 1);
                }
                if (!indent.equals(levels.get(levels.size() - 1))) {
                    return -1;
                }
            }
            opened = line.opensBlock();
            if (levels.size() == 1) {
                if (!afterDecorator && !CLAUSES.contains(line.first())) {
                    statements.add(k);
                }
                afterDecorator = line.first().equals("@");
            }
        }
        if (opened || k < logical.size() && !defIndent.startsWith(indent(logical.get(k)))) {
            return -1;
        }
        if (statements.isEmpty()) {
            return -1;
        }
        // Kept in the parse: the first statement whole (its rows start the body and may be the docstring) and
        // the tail of the last one (its last line ends the body); everything else in between is left out.
        boolean[] keep = new boolean[k - j];
        if (statements.size() >= 2) {
            Arrays.fill(keep, statements.get(0) - j, statements.get(1) - j, true);
        }
        tail(statements.get(statements.size() - 1), k, keep, j);
        int lastLine = k - 1;
        while (logical.get(lastLine).comment()) {
            lastLine--;
        }
        int firstRowEnd = s.indexOf('\n', logical.get(statements.get(0)).lineStart());
        // Fewest chars the walker's elided range can hold (rows after the first statement's first row up to
        // the body's last line) and most chars of its description: plan() proposes the function on these.
        int elidedAtLeast = firstRowEnd < 0 ? 0 : logical.get(lastLine).end() - firstRowEnd - 2;
        int description = "rest of docstring and body of ()".length() + Math.min(MAX_NAME, nameLength(def));
        List<int[]> gaps = new ArrayList<>();
        int open = -1;
        for (int x = j; x < k; x++) {
            Logical line = logical.get(x);
            if (keep[x - j]) {
                if (open >= 0) {
                    gaps.add(new int[] {open, line.lineStart(), def.lineStart(), elidedAtLeast, description});
                    open = -1;
                }
            } else if (open < 0 && !line.comment()) {
                open = line.lineStart() - 1;
            }
        }
        if (open >= 0 || gaps.isEmpty()) {
            return -1;
        }
        out.addAll(gaps);
        return k;
    }

    /** The most chars of a function name the walker writes in a marker (longer names become anonymous). */
    private static final int MAX_NAME = 80;

    /** Chars of the name after {@code def} on a definition's line (MAX_NAME when it cannot tell). */
    private int nameLength(Logical def) {
        int k = def.indentEnd();
        if (s.startsWith("async", k)) {
            k += "async".length();
            while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
                k++;
            }
        }
        if (!s.startsWith("def", k)) {
            return MAX_NAME;
        }
        k += 3;
        while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        int from = k;
        while (k < n && isWordPart(s.charAt(k))) {
            k++;
        }
        return k == from ? MAX_NAME : k - from;
    }

    /**
     * Marks in {@code keep} (indexed from logical line {@code j}) the lines of the statement starting at logical
     * line {@code a} (and ending before {@code b}) that a parse needs so the statement still ends on its last
     * line: a simple statement whole; of a compound one, every clause's header, one simple statement of each
     * clause but the last (or the whole clause when its block holds only compound statements), and the tail
     * of the last clause's last statement. The kept lines are valid Python with the same nesting at the last
     * line (the same enclosing blocks, so the same indentation stack).
     */
    private void tail(int a, int b, boolean[] keep, int j) {
        String level = indent(logical.get(a));
        boolean compound = false;
        for (int y = a; y < b; y++) {
            Logical line = logical.get(y);
            if (!line.comment() && indent(line).equals(level) && line.opensBlock()) {
                compound = true;
                break;
            }
        }
        if (!compound) {
            markLines(a, b, keep, j);
            return;
        }
        int clauseStart = a;
        for (int y = a + 1; y <= b; y++) {
            Logical line = y < b ? logical.get(y) : null;
            if (line != null && (line.comment() || !indent(line).equals(level) || !CLAUSES.contains(line.first()))) {
                continue;
            }
            clause(clauseStart, y, level, y == b, keep, j);
            clauseStart = y;
        }
    }

    /** {@link #tail} for one clause (header lines at {@code level}, then its block) of lines cs..ce-1. */
    private void clause(int cs, int ce, String level, boolean last, boolean[] keep, int j) {
        List<Integer> statements = new ArrayList<>();
        String blockLevel = null;
        boolean afterDecorator = false;
        for (int y = cs; y < ce; y++) {
            Logical line = logical.get(y);
            if (line.comment()) {
                continue;
            }
            String indent = indent(line);
            if (indent.equals(level)) {
                keep[y - j] = true;
                continue;
            }
            if (blockLevel == null) {
                blockLevel = indent;
            }
            if (indent.equals(blockLevel)) {
                if (!afterDecorator && !CLAUSES.contains(line.first())) {
                    statements.add(y);
                }
                afterDecorator = line.first().equals("@");
            }
        }
        if (blockLevel == null) {
            return;
        }
        if (statements.isEmpty()) {
            markLines(cs, ce, keep, j);
        } else if (last) {
            tail(statements.get(statements.size() - 1), ce, keep, j);
        } else {
            // Any one simple statement of the block will do (it sits at the block's level).
            for (int st : statements) {
                Logical line = logical.get(st);
                if (!line.opensBlock() && !line.first().equals("@")) {
                    keep[st - j] = true;
                    return;
                }
            }
            markLines(cs, ce, keep, j);
        }
    }

    private void markLines(int from, int to, boolean[] keep, int j) {
        for (int y = from; y < to; y++) {
            if (!logical.get(y).comment()) {
                keep[y - j] = true;
            }
        }
    }

    /** True when a non-comment line after comment line {@code k} is still indented with {@code base}. */
    private boolean nextStatementIsInside(int k, String base) {
        for (int m = k + 1; m < logical.size(); m++) {
            if (!logical.get(m).comment()) {
                return indent(logical.get(m)).startsWith(base);
            }
        }
        return false;
    }

    private boolean isDef(Logical line) {
        if (line.first().equals("def")) {
            return true;
        }
        if (!line.first().equals("async")) {
            return false;
        }
        int k = line.indentEnd() + "async".length();
        while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k++;
        }
        return s.startsWith("def", k) && k + 3 < n && !isWordPart(s.charAt(k + 3));
    }

    private String indent(Logical line) {
        return s.substring(line.lineStart(), line.indentEnd());
    }

    /** Splits the text into logical lines; false when unsure of it. */
    private boolean lex() {
        int i = 0;
        while (i < n) {
            int lineStart = i;
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && s.charAt(i) == '\f') {
                // Form feeds reset Python's indentation count: leave such text to the full parse.
                return false;
            }
            int indentEnd = i;
            if (i == n) {
                break;
            }
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                i = s.indexOf('\n', i) + 1;
                continue;
            }
            if (c == '#') {
                int end = lineEnd(i);
                logical.add(new Logical(lineStart, indentEnd, end, "#", false, true));
                i = end + 1;
                continue;
            }
            int end = logicalEnd(i);
            if (end < 0) {
                return false;
            }
            logical.add(new Logical(lineStart, indentEnd, end, firstWord(indentEnd), lastSignificant == ':', false));
            i = end + 1;
        }
        return true;
    }

    private int lineEnd(int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? n : nl;
    }

    private String firstWord(int i) {
        if (!isWordPart(s.charAt(i))) {
            return String.valueOf(s.charAt(i));
        }
        int k = i;
        while (k < n && isWordPart(s.charAt(k))) {
            k++;
        }
        return s.substring(i, k);
    }

    /** The last char of the logical line being lexed that is not blank or in a comment ('"' for a string). */
    private char lastSignificant;

    /** The end of the logical line starting at {@code i} (its '\n' at bracket depth 0, or n), or -1. */
    private int logicalEnd(int i) {
        int depth = 0;
        int k = i;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\n') {
                if (depth == 0) {
                    return k;
                }
                k++;
            } else if (c == '\r' && (k + 1 >= n || s.charAt(k + 1) != '\n')) {
                // A lone CR ends a line for Python but not for the row count: leave it to the full parse.
                return -1;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                k++;
            } else if (c == '#') {
                k = lineEnd(k);
            } else if (c == '\\') {
                // Only a line continuation is valid outside a string.
                int next = k + 1 < n && s.charAt(k + 1) == '\r' ? k + 2 : k + 1;
                if (next >= n || s.charAt(next) != '\n') {
                    return -1;
                }
                k = next + 1;
            } else if (c == '"' || c == '\'') {
                k = string(k, false);
                if (k < 0) {
                    return -1;
                }
                lastSignificant = '"';
            } else if (isWordPart(c)) {
                int end = k + 1;
                while (end < n && isWordPart(s.charAt(end))) {
                    end++;
                }
                if (end < n && (s.charAt(end) == '"' || s.charAt(end) == '\'') && isStringPrefix(k, end)) {
                    k = string(end, isFormatted(k, end));
                    if (k < 0) {
                        return -1;
                    }
                    lastSignificant = '"';
                } else {
                    k = end;
                    lastSignificant = 'a';
                }
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (--depth < 0) {
                        return -1;
                    }
                }
                lastSignificant = c;
                k++;
            }
        }
        return depth == 0 ? n : -1;
    }

    private boolean isStringPrefix(int from, int to) {
        if (to - from > 2) {
            return false;
        }
        String p = s.substring(from, to).toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "r", "u", "b", "f", "t", "rb", "br", "fr", "rf", "tr", "rt" -> true;
            default -> false;
        };
    }

    private boolean isFormatted(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = Character.toLowerCase(s.charAt(k));
            if (c == 'f' || c == 't') {
                return true;
            }
        }
        return false;
    }

    /**
     * A string literal starting at its (first) quote; returns the index after it, or -1 when it is
     * unterminated, a one-quote string crosses a line end, or an f-string field is ambiguous to this lexer.
     */
    private int string(int at, boolean formatted) {
        char q = s.charAt(at);
        boolean triple = at + 2 < n && s.charAt(at + 1) == q && s.charAt(at + 2) == q;
        int k = triple ? at + 3 : at + 1;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += k + 2 < n && s.charAt(k + 1) == '\r' && s.charAt(k + 2) == '\n' ? 3 : 2;
            } else if (c == q && (!triple || k + 2 < n && s.charAt(k + 1) == q && s.charAt(k + 2) == q)) {
                return k + (triple ? 3 : 1);
            } else if (c == '\n' && !triple) {
                return -1;
            } else if (formatted && c == '{') {
                if (k + 1 < n && s.charAt(k + 1) == '{') {
                    k += 2;
                } else {
                    k = field(k + 1, q, triple);
                    if (k < 0) {
                        return -1;
                    }
                }
            } else {
                k++;
            }
        }
        return -1;
    }

    /**
     * An f-string replacement field after its '{'; returns the index after its '}', or -1 when unsure: a
     * quote like the enclosing string's, a comment, or a line end in a one-quote string's field.
     */
    private int field(int i, char quote, boolean triple) {
        int depth = 0;
        int k = i;
        while (k < n) {
            char c = s.charAt(k);
            if (c == quote || c == '#' || c == '\\' || c == '\n' && !triple) {
                return -1;
            }
            if (c == '"' || c == '\'') {
                int prefixStart = k;
                while (prefixStart > i && isWordPart(s.charAt(prefixStart - 1))) {
                    prefixStart--;
                }
                k = string(k, prefixStart < k && isStringPrefix(prefixStart, k) && isFormatted(prefixStart, k));
                if (k < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '}') {
                if (depth == 0) {
                    return k + 1;
                }
                depth--;
            }
            k++;
        }
        return -1;
    }

    private static boolean isWordPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                || c >= 0x80 && Character.isJavaIdentifierPart(c) || Character.isSurrogate(c);
    }
}
