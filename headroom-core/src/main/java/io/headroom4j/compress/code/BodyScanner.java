package io.headroom4j.compress.code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A lexical pre-pass for the brace languages that finds function bodies without parsing them, so tree-sitter
 * can be told to skip their insides ({@code ts_parser_set_included_ranges}).
 *
 * <p>It lexes strings, character literals, comments, raw strings, text blocks, template literals, regular
 * expression literals and preprocessor lines well enough to match brackets, keeps a short token header per
 * declaration, and classifies each {@code '{'} at declaration level (top level, class-like bodies, object
 * literals, call arguments) as a function body, a container to look inside, or a block to skip whole.
 * Inside a function body nothing is classified. The result is only a proposal: {@link CodeCompressor}
 * checks after the ranged parse that every skipped body is the body of a function it elided, and parses
 * in full otherwise. Whenever the scan is unsure (unbalanced or mismatched brackets, a string or regex
 * running into a line end where the language forbids it, an unterminated comment) it returns null.
 */
final class BodyScanner {

    private static final int TOP = 0;
    private static final int CLASS = 1;
    private static final int OBJECT = 2;
    private static final int PAREN = 3;
    private static final int BRACKET = 4;
    private static final int BODY = 5;
    private static final int OPAQUE = 6;
    private static final int TEMPLATE = 7;
    /** A block holding only types (an interface, a type literal, a struct): opaque, and proposed for skipping. */
    private static final int TYPES = 8;

    /** The fourth element of a {@link #find} entry that is a block of types rather than a function body. */
    static final int TYPE_BLOCK = 1;

    private static final Set<String> CONTROL = Set.of("if", "for", "while", "switch", "catch", "with",
            "synchronized", "foreach", "do", "else", "try", "finally", "elif", "until", "sizeof", "return");
    private static final Set<String> REGEX_AFTER_WORD = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");
    private static final Set<String> MODIFIERS = Set.of("export", "declare", "default", "abstract", "const");
    private static final Set<String> CPP_QUALIFIERS = Set.of("const", "override", "final", "noexcept", "volatile",
            "mutable", "try", "throw");

    private final String s;
    private final SourceLanguage lang;
    private final boolean js;
    private final boolean cLike;
    private final int n;

    /** Open frames: kind, position of the opening bracket, header tokens, and whether a body saw a directive. */
    private final List<Frame> stack = new ArrayList<>();
    private final List<int[]> bodies = new ArrayList<>();

    /** Last significant token, for the regex-or-division decision in JavaScript and TypeScript. */
    private String lastToken = "";

    private static final class Frame {
        final int kind;
        final int open;
        final List<String> header = new ArrayList<>();
        /** Char offset of the header's first token (for a body: where its declaration starts). */
        int headerStart = -1;
        /** For a body: where the header of its declaration started. */
        int declStart = -1;
        boolean directive;

        Frame(int kind, int open) {
            this.kind = kind;
            this.open = open;
        }
    }

    private BodyScanner(String s, SourceLanguage lang) {
        this.s = s;
        this.lang = lang;
        this.js = lang == SourceLanguage.JAVASCRIPT || lang == SourceLanguage.TYPESCRIPT;
        this.cLike = lang == SourceLanguage.C || lang == SourceLanguage.CPP;
        this.n = s.length();
    }

    /** True for the languages a pre-pass knows: all of them (Python through {@link PythonBodyScanner}). */
    static boolean supports(SourceLanguage lang) {
        return lang != null;
    }

    /**
     * Function bodies as char offsets {@code [open, close, declaration start]} (its braces and the first token
     * of its declaration), in document order and not nested, or null when the scan is unsure of the text.
     * For Python, the ranges of {@link PythonBodyScanner#find} instead.
     */
    static List<int[]> find(String content, SourceLanguage lang) {
        if (!supports(lang)) {
            return null;
        }
        if (lang == SourceLanguage.PYTHON) {
            return PythonBodyScanner.find(content);
        }
        try {
            return new BodyScanner(content, lang).scan();
        } catch (RuntimeException e) {
            // An index past the end on odd input: unsure, so the caller parses in full.
            return null;
        }
    }

    private Frame top() {
        return stack.get(stack.size() - 1);
    }

    /** Inside a function body or a skipped block (at any depth): no classification, only bracket matching. */
    private int opaqueDepth;

    private void push(int kind, int at) {
        if (opaqueDepth > 0 || kind == BODY || kind == OPAQUE || kind == TYPES) {
            opaqueDepth++;
        }
        stack.add(new Frame(kind, at));
    }

    private Frame pop() {
        Frame f = stack.remove(stack.size() - 1);
        if (opaqueDepth > 0) {
            opaqueDepth--;
        }
        return f;
    }

    /** Where the token being read starts. */
    private int cur;

    private void token(String t) {
        lastToken = t;
        if (opaqueDepth == 0) {
            Frame f = top();
            if (f.header.isEmpty()) {
                f.headerStart = cur;
            }
            f.header.add(t);
        }
    }

    private List<int[]> scan() {
        stack.add(new Frame(TOP, -1));
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            cur = i;
            if (cLike && c == '#' && atLineStart) {
                i = directive(i);
                if (i < 0) {
                    return null;
                }
                markDirective();
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = lineComment(i);
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = blockComment(i);
                if (i < 0) {
                    return null;
                }
                continue;
            }
            if (c == '"') {
                i = doubleQuoted(i);
                if (i < 0) {
                    return null;
                }
                token("STR");
                continue;
            }
            if (c == '\'') {
                i = singleQuoted(i);
                if (i < 0) {
                    return null;
                }
                continue;
            }
            if (c == '`' && (js || lang == SourceLanguage.GO)) {
                if (js) {
                    i = template(i + 1);
                } else {
                    int end = s.indexOf('`', i + 1);
                    i = end < 0 ? -1 : end + 1;
                }
                if (i < 0) {
                    return null;
                }
                token("STR");
                continue;
            }
            if (js && c == '/' && regexAllowed()) {
                i = regex(i);
                if (i < 0) {
                    return null;
                }
                token("REGEX");
                continue;
            }
            if (isWordStart(c)) {
                int end = i + 1;
                while (end < n && isWordPart(s.charAt(end))) {
                    end++;
                }
                char next = end < n ? s.charAt(end) : '\0';
                if (opaqueDepth > 0 && next != '"' && next != '#' && next != '\'') {
                    // Inside a body or skipped block a word is not part of any header: only the last token
                    // counts, for regexAllowed (JavaScript and TypeScript), which asks only whether it is one
                    // of REGEX_AFTER_WORD. So no copy of the word (most words of a file are in bodies).
                    lastToken = js ? regexWord(i, end) : OTHER_WORD;
                    i = end;
                    continue;
                }
                String word = s.substring(i, end);
                if (end < n && s.charAt(end) == '"' && rawPrefix(word)) {
                    i = rawString(word, end);
                    if (i < 0) {
                        return null;
                    }
                    token("STR");
                    continue;
                }
                if (lang == SourceLanguage.RUST && end < n && s.charAt(end) == '#' && word.endsWith("r")
                        && rawPrefix(word)) {
                    int q = end;
                    while (q < n && s.charAt(q) == '#') {
                        q++;
                    }
                    if (q < n && s.charAt(q) == '"') {
                        i = rawString(word, end);
                        if (i < 0) {
                            return null;
                        }
                        token("STR");
                        continue;
                    }
                }
                if (lang == SourceLanguage.RUST && end < n && s.charAt(end) == '\'' && word.equals("b")) {
                    i = quoted(end, '\'', false);
                    if (i < 0) {
                        return null;
                    }
                    token("STR");
                    continue;
                }
                token(word);
                i = end;
                continue;
            }
            if (c >= '0' && c <= '9') {
                i = number(i);
                token("NUM");
                continue;
            }
            switch (c) {
                case '(' -> {
                    push(PAREN, i);
                    lastToken = "(";
                }
                case '[' -> {
                    push(BRACKET, i);
                    lastToken = "[";
                }
                case '{' -> {
                    openBrace(i);
                    lastToken = "{";
                }
                case ')', ']' -> {
                    Frame f = pop();
                    if (f.kind != (c == ')' ? PAREN : BRACKET) || stack.isEmpty()) {
                        return null;
                    }
                    token(c == ')' ? "()" : "[]");
                }
                case '}' -> {
                    if (stack.size() < 2) {
                        return null;
                    }
                    Frame f = pop();
                    if (f.kind == PAREN || f.kind == BRACKET) {
                        return null;
                    }
                    if (f.kind == TEMPLATE) {
                        i = template(i + 1);
                        if (i < 0) {
                            return null;
                        }
                        token("STR");
                        continue;
                    }
                    if (f.kind == BODY && !f.directive) {
                        bodies.add(new int[] {f.open, i, f.declStart});
                    } else if (f.kind == TYPES && !f.directive) {
                        bodies.add(new int[] {f.open, i, f.declStart, TYPE_BLOCK});
                    }
                    closeBrace();
                    lastToken = "}";
                }
                case ';' -> {
                    if (opaqueDepth == 0) {
                        top().header.clear();
                    }
                    lastToken = ";";
                }
                case ',' -> {
                    if (opaqueDepth == 0 && top().kind != CLASS && top().kind != TOP) {
                        top().header.clear();
                    }
                    lastToken = ",";
                }
                default -> {
                    if ((c == '=' || c == '-') && i + 1 < n && s.charAt(i + 1) == '>') {
                        token(c == '=' ? "=>" : "->");
                        i += 2;
                        continue;
                    }
                    token(c < ONE_CHAR.length ? ONE_CHAR[c] : String.valueOf(c));
                }
            }
            i++;
        }
        if (stack.size() != 1) {
            return null;
        }
        return bodies;
    }

    private void markDirective() {
        // A preprocessor line inside a body may hide unbalanced braces: that body must be parsed.
        for (int k = stack.size() - 1; k >= 0; k--) {
            Frame f = stack.get(k);
            if (f.kind == BODY) {
                f.directive = true;
                return;
            }
        }
    }

    private void openBrace(int at) {
        if (opaqueDepth > 0) {
            push(OPAQUE, at);
            return;
        }
        Frame f = top();
        int kind = classify(f.header, f.kind);
        push(kind, at);
        top().declStart = f.header.isEmpty() ? at : f.headerStart;
    }

    private void closeBrace() {
        Frame parent = top();
        if (opaqueDepth > 0) {
            return;
        }
        if (parent.kind == PAREN || parent.kind == BRACKET || parent.kind == OBJECT) {
            parent.header.add("{}");
        } else {
            parent.header.clear();
        }
        lastToken = "}";
    }

    /** What the brace after {@code header} opens, in a frame of kind {@code frameKind}. */
    private int classify(List<String> h, int frameKind) {
        int size = h.size();
        String last = size == 0 ? "" : h.get(size - 1);
        int parens = h.lastIndexOf("()");
        String beforeParens = parens > 0 ? h.get(parens - 1) : "";
        switch (lang) {
            case JAVASCRIPT, TYPESCRIPT -> {
                if (h.contains("class")) {
                    return CLASS;
                }
                if (last.equals("=>")) {
                    return BODY;
                }
                String first = firstWord(h);
                if (first.equals("namespace") || first.equals("module") || first.equals("global")) {
                    return CLASS;
                }
                if (first.equals("interface") || first.equals("type") && last.equals("=")) {
                    return lang == SourceLanguage.TYPESCRIPT ? TYPES : OPAQUE;
                }
                if (first.equals("enum") || first.equals("type")) {
                    return OPAQUE;
                }
                if (last.equals("const") || last.equals("let") || last.equals("var")) {
                    // A destructuring pattern after a statement without ';' ("f()\nconst { a } = b").
                    return OPAQUE;
                }
                if (parens >= 0 && !CONTROL.contains(beforeParens) && !h.contains("=>")) {
                    return BODY;
                }
                if (size == 0 ? frameKind == PAREN || frameKind == BRACKET || frameKind == OBJECT
                        : last.equals("=") || last.equals(":") || last.equals("default") || last.equals("?")) {
                    return OBJECT;
                }
                return OPAQUE;
            }
            case JAVA -> {
                if (h.contains("class") || h.contains("interface") || h.contains("enum") || h.contains("record")
                        || h.contains("new")) {
                    return CLASS;
                }
                if (last.equals("->")) {
                    return BODY;
                }
                if (size == 1 && last.equals("static")) {
                    return BODY;
                }
                if (parens >= 0 && !CONTROL.contains(beforeParens) && !h.contains("=") && !h.contains("->")) {
                    return BODY;
                }
                return OPAQUE;
            }
            case C, CPP -> {
                if (parens >= 0 && !CONTROL.contains(beforeParens) && !h.contains("=")
                        && (last.equals("()") || CPP_QUALIFIERS.contains(last) || afterArrow(h, parens))) {
                    return BODY;
                }
                if (lang == SourceLanguage.CPP && parens < 0 && (h.contains("class") || h.contains("struct")
                        || h.contains("union") || h.contains("namespace"))) {
                    return CLASS;
                }
                if (h.contains("extern") && size == 2 && last.equals("STR")) {
                    return CLASS;
                }
                return OPAQUE;
            }
            case GO -> {
                if (h.contains("func") && !last.equals("struct") && !last.equals("interface")) {
                    return BODY;
                }
                // A struct type at top level ("type T struct {"). (An interface type's braces are not a node of
                // their own in Go's grammar, so the check after the parse could not confirm them.)
                return !h.contains("func") && !h.contains("=") && last.equals("struct") && frameKind == TOP ? TYPES
                        : OPAQUE;
            }
            case RUST -> {
                if (h.contains("fn") && !h.contains("=")) {
                    return BODY;
                }
                if (h.contains("impl") || h.contains("trait") || h.contains("mod") || h.contains("extern")) {
                    return CLASS;
                }
                if ((h.contains("struct") || h.contains("enum")) && !h.contains("=") && frameKind != PAREN) {
                    return TYPES;
                }
                return OPAQUE;
            }
            default -> {
                return OPAQUE;
            }
        }
    }

    /** The first word of a header after modifiers such as {@code export} and {@code declare}. */
    private static String firstWord(List<String> h) {
        for (String t : h) {
            if (!MODIFIERS.contains(t)) {
                return t;
            }
        }
        return "";
    }

    private static boolean afterArrow(List<String> h, int parens) {
        for (int k = parens + 1; k < h.size(); k++) {
            if (h.get(k).equals("->")) {
                return true;
            }
        }
        return false;
    }

    private boolean rawPrefix(String word) {
        if (lang == SourceLanguage.CPP) {
            return word.equals("R") || word.equals("u8R") || word.equals("uR") || word.equals("UR")
                    || word.equals("LR");
        }
        if (lang == SourceLanguage.RUST) {
            return word.equals("r") || word.equals("br") || word.equals("cr");
        }
        return false;
    }

    /** A raw string starting at the quote (C++) or the first '#' or quote (Rust); returns the index after it. */
    private int rawString(String prefix, int at) {
        if (lang == SourceLanguage.CPP) {
            int paren = s.indexOf('(', at + 1);
            if (paren < 0 || paren - at - 1 > 16) {
                return -1;
            }
            String delim = s.substring(at + 1, paren);
            for (int k = 0; k < delim.length(); k++) {
                char d = delim.charAt(k);
                if (d == ' ' || d == '\\' || d == ')' || d == '\n' || d == '\t') {
                    return -1;
                }
            }
            int end = s.indexOf(")" + delim + "\"", paren + 1);
            return end < 0 ? -1 : end + delim.length() + 2;
        }
        int q = at;
        int hashes = 0;
        while (q < n && s.charAt(q) == '#') {
            hashes++;
            q++;
        }
        if (q >= n || s.charAt(q) != '"') {
            return -1;
        }
        String close = "\"" + "#".repeat(hashes);
        int end = s.indexOf(close, q + 1);
        return end < 0 ? -1 : end + close.length();
    }

    private int number(int i) {
        int k = i + 1;
        while (k < n) {
            char c = s.charAt(k);
            if (isWordPart(c) || c == '.') {
                k++;
            } else if (c == '\'' && lang == SourceLanguage.CPP && k + 1 < n && isWordPart(s.charAt(k + 1))) {
                // C++14 digit separator: 1'000'000.
                k++;
            } else if ((c == '+' || c == '-') && (s.charAt(k - 1) == 'e' || s.charAt(k - 1) == 'E'
                    || s.charAt(k - 1) == 'p' || s.charAt(k - 1) == 'P')) {
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    private int lineComment(int i) {
        int k = i;
        while (true) {
            int nl = s.indexOf('\n', k);
            if (nl < 0) {
                return n;
            }
            // C and C++ continue a // comment onto the next line after a backslash.
            int e = nl;
            if (e > 0 && s.charAt(e - 1) == '\r') {
                e--;
            }
            if (cLike && e > i && s.charAt(e - 1) == '\\') {
                k = nl + 1;
                continue;
            }
            return nl;
        }
    }

    private int blockComment(int i) {
        if (lang != SourceLanguage.RUST) {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? -1 : end + 2;
        }
        int depth = 0;
        int k = i;
        while (k + 1 < n) {
            if (s.charAt(k) == '/' && s.charAt(k + 1) == '*') {
                depth++;
                k += 2;
            } else if (s.charAt(k) == '*' && s.charAt(k + 1) == '/') {
                depth--;
                k += 2;
                if (depth == 0) {
                    return k;
                }
            } else {
                k++;
            }
        }
        return -1;
    }

    /** A preprocessor line with its continuations (and comments that start on it); returns its end. */
    private int directive(int i) {
        int k = i;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\n') {
                int e = k;
                if (e > 0 && s.charAt(e - 1) == '\r') {
                    e--;
                }
                if (e > 0 && s.charAt(e - 1) == '\\') {
                    k++;
                    continue;
                }
                return k;
            }
            if (c == '/' && k + 1 < n && s.charAt(k + 1) == '*') {
                k = blockComment(k);
                if (k < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '/' && k + 1 < n && s.charAt(k + 1) == '/') {
                return lineComment(k);
            }
            k++;
        }
        return n;
    }

    private int doubleQuoted(int i) {
        if (lang == SourceLanguage.JAVA && s.startsWith("\"\"\"", i)) {
            int k = i + 3;
            while (k < n) {
                char c = s.charAt(k);
                if (c == '\\') {
                    k += 2;
                } else if (c == '"' && s.startsWith("\"\"\"", k)) {
                    return k + 3;
                } else {
                    k++;
                }
            }
            return -1;
        }
        return quoted(i, '"', lang != SourceLanguage.RUST);
    }

    private int singleQuoted(int i) {
        if (js) {
            int end = quoted(i, '\'', true);
            if (end >= 0) {
                token("STR");
            }
            return end;
        }
        if (lang == SourceLanguage.RUST) {
            // A char literal ('x', '\n', a unicode escape) or a lifetime ('a, 'static).
            if (i + 1 < n && s.charAt(i + 1) == '\\') {
                int end = quoted(i, '\'', true);
                if (end >= 0) {
                    token("STR");
                }
                return end;
            }
            int cp = i + 1 < n ? Character.charCount(s.codePointAt(i + 1)) : 1;
            if (i + 1 + cp < n && s.charAt(i + 1 + cp) == '\'') {
                token("STR");
                return i + 2 + cp;
            }
            token("'");
            return i + 1;
        }
        int end = quoted(i, '\'', true);
        if (end >= 0) {
            token("STR");
        }
        return end;
    }

    /** A quoted literal with backslash escapes; -1 when it is unterminated or (if single-line) crosses a line end. */
    private int quoted(int i, char quote, boolean singleLine) {
        int k = i + 1;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (c == quote) {
                return k + 1;
            }
            if (c == '\n' && singleLine) {
                return -1;
            }
            k++;
        }
        return -1;
    }

    /** Continues a template literal after its opening backquote or after the '}' of a substitution. */
    private int template(int i) {
        int k = i;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (c == '`') {
                return k + 1;
            }
            if (c == '$' && k + 1 < n && s.charAt(k + 1) == '{') {
                push(TEMPLATE, k + 1);
                lastToken = "{";
                return k + 2;
            }
            k++;
        }
        return -1;
    }

    /** One-character tokens of ASCII punctuation, made once (tokens are compared by content only). */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    /** A word that is not in {@link #REGEX_AFTER_WORD}, standing for any such word as the last token. */
    private static final String OTHER_WORD = "w";
    /** {@link #REGEX_AFTER_WORD} by first character (all are ASCII words). */
    private static final String[][] REGEX_AFTER_BY_FIRST = new String[128][];

    static {
        for (String w : REGEX_AFTER_WORD) {
            String[] have = REGEX_AFTER_BY_FIRST[w.charAt(0)];
            String[] more = have == null ? new String[1] : Arrays.copyOf(have, have.length + 1);
            more[more.length - 1] = w;
            REGEX_AFTER_BY_FIRST[w.charAt(0)] = more;
        }
    }

    /** The word at {@code [from, to)} when it is in {@link #REGEX_AFTER_WORD}, else {@link #OTHER_WORD}. */
    private String regexWord(int from, int to) {
        char first = s.charAt(from);
        String[] candidates = first < REGEX_AFTER_BY_FIRST.length ? REGEX_AFTER_BY_FIRST[first] : null;
        if (candidates != null) {
            for (String w : candidates) {
                if (w.length() == to - from && s.startsWith(w, from)) {
                    return w;
                }
            }
        }
        return OTHER_WORD;
    }

    private boolean regexAllowed() {
        if (lastToken.isEmpty()) {
            return true;
        }
        char c = lastToken.charAt(0);
        if (isWordStart(c)) {
            return REGEX_AFTER_WORD.contains(lastToken);
        }
        return !(lastToken.equals(")") || lastToken.equals("()") || lastToken.equals("]") || lastToken.equals("[]")
                || lastToken.equals("}") || lastToken.equals("{}") || lastToken.equals("STR")
                || lastToken.equals("NUM") || lastToken.equals("REGEX"));
    }

    /** A regex literal on one line, with character classes; -1 when it does not end on its line. */
    private int regex(int i) {
        int k = i + 1;
        boolean inClass = false;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '\\') {
                k += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                k++;
                while (k < n && isWordPart(s.charAt(k))) {
                    k++;
                }
                return k;
            }
            k++;
        }
        return -1;
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
                && Character.isJavaIdentifierStart(c) || Character.isSurrogate(c);
    }

    private static boolean isWordPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c >= 0x80 && Character.isJavaIdentifierPart(c) || Character.isSurrogate(c);
    }
}
