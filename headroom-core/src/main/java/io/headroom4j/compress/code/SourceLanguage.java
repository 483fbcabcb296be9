package io.headroom4j.compress.code;

import java.util.Locale;
import java.util.function.Supplier;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/** The programming languages the {@link CodeCompressor} parses, each with its tree-sitter grammar. */
public enum SourceLanguage {
    /** Python 3. */
    PYTHON("python", "#", TreeSitterPython::new, ".py", ".pyi"),
    /** JavaScript, including JSX and Node.js modules. */
    JAVASCRIPT("javascript", "//", TreeSitterJavascript::new, ".js", ".mjs", ".cjs", ".jsx"),
    /** TypeScript (not TSX: no TSX grammar is published for the JVM). */
    TYPESCRIPT("typescript", "//", TreeSitterTypescript::new, ".ts", ".mts", ".cts"),
    /** Go. */
    GO("go", "//", TreeSitterGo::new, ".go"),
    /** Rust. */
    RUST("rust", "//", TreeSitterRust::new, ".rs"),
    /** Java. */
    JAVA("java", "//", TreeSitterJava::new, ".java"),
    /** C. */
    C("c", "//", TreeSitterC::new, ".c", ".h"),
    /** C++. */
    CPP("cpp", "//", TreeSitterCpp::new, ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx");

    private final String id;
    private final String commentPrefix;
    private final Supplier<TSLanguage> grammar;
    private final String[] extensions;

    SourceLanguage(String id, String commentPrefix, Supplier<TSLanguage> grammar, String... extensions) {
        this.id = id;
        this.commentPrefix = commentPrefix;
        this.grammar = grammar;
        this.extensions = extensions;
    }

    /** A short lower-case name, such as {@code python}. */
    public String id() {
        return id;
    }

    /** What starts a line comment, used in front of omission markers so the view still reads as code. */
    public String commentPrefix() {
        return commentPrefix;
    }

    /** A new grammar object; loads the native library on first use, which may throw a {@link LinkageError}. */
    TSLanguage newGrammar() {
        return grammar.get();
    }

    /** The language for a file name or path by its extension, or null when none matches. */
    public static SourceLanguage forPath(String path) {
        if (path == null) {
            return null;
        }
        String p = path.toLowerCase(Locale.ROOT);
        for (SourceLanguage lang : values()) {
            for (String ext : lang.extensions) {
                if (p.endsWith(ext)) {
                    return lang;
                }
            }
        }
        return null;
    }
}
