package io.headroom4j.compress.code;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Headroom4j's own build of tree-sitter: the runtime and the eight grammars, at the versions the
 * io.github.bonede jars use, compiled with {@code gcc -O2} into one library with a JNI glue that returns a
 * whole parse tree in one call ({@link FlatTree}). The bonede natives are built without optimisation and
 * their glue looks up classes and fields on every node call; this library parses about 3x faster and the
 * walk costs no JNI call per node.
 *
 * <p>The library is a resource of this jar for linux-x86_64 (glibc) only, built by
 * {@code src/main/native/build.sh} when the build machine has gcc (see docs/compressors.md). It is copied
 * to a new file in {@code java.io.tmpdir} and loaded on first use. When it is absent or fails to load,
 * {@link #available()} is false and the code compressor uses the bonede bindings, which give the same
 * trees. Setting the system property {@code headroom4j.treesitter.native} to {@code false} turns it off.
 * Thread-safe.
 */
final class NativeTreeSitter {

    private static final System.Logger LOG = System.getLogger(NativeTreeSitter.class.getName());

    /** Where the build puts the library among this class's resources. */
    static final String RESOURCE = "native/linux-x86_64/libheadroom4j-treesitter.so";

    private static final String UNAVAILABLE;
    private static final Map<SourceLanguage, Grammar> GRAMMARS = new EnumMap<>(SourceLanguage.class);

    static {
        String why;
        try {
            why = load();
        } catch (IOException | RuntimeException | LinkageError e) {
            why = "cannot load " + RESOURCE + ": " + e;
        }
        UNAVAILABLE = why;
        if (why != null) {
            LOG.log(Level.DEBUG, "optimised tree-sitter not used: {0}", why);
        }
    }

    private NativeTreeSitter() {
    }

    /** True when the library is loaded and may be used. */
    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why the library is not used, or null when it is. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    private static String load() throws IOException {
        if ("false".equalsIgnoreCase(System.getProperty("headroom4j.treesitter.native"))) {
            return "turned off by -Dheadroom4j.treesitter.native=false";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "built for linux-x86_64 only, this is " + os + " " + arch;
        }
        try (InputStream in = NativeTreeSitter.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "not in this build (no gcc when it was built)";
            }
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "headroom4j-treesitter", ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                // Loaded libraries stay mapped after the file is gone; nothing is left behind in tmp.
                Files.deleteIfExists(file);
            }
        }
        return null;
    }

    /** The grammar of {@code lang}: its node type and field names. Only when {@link #available()}. */
    static Grammar grammar(SourceLanguage lang) {
        synchronized (GRAMMARS) {
            return GRAMMARS.computeIfAbsent(lang, l -> new Grammar(l.ordinal(), symbolNames(l.ordinal()),
                    fieldNames(l.ordinal())));
        }
    }

    /**
     * Parses {@code content} (as UTF-8) in {@code lang}, within {@code ranges} when not null (six ints per
     * range: start byte, end byte, start row, start column, end row, end column). Returns null when
     * tree-sitter refuses the language or the ranges. Text holding a lone surrogate is refused with an
     * exception, as the bonede bindings do; with ranges the caller must have checked that it holds none.
     */
    static FlatTree parse(SourceLanguage lang, String content, int[] ranges) {
        // (Ranges come only from CodeCompressor.plan, which has checked already: no second pass over the text.)
        if (ranges == null && hasLoneSurrogate(content)) {
            // What the bonede bindings do (their UTF-16 to UTF-8 conversion is strict); both paths must agree.
            throw new RuntimeException("Invalid UTF-8 source input");
        }
        Grammar g = grammar(lang);
        long[] tree = new long[1];
        int[] nodes = parse(g.id, utf8(content), ranges, tree);
        if (nodes == null) {
            throw new OutOfMemoryError("tree-sitter parse");
        }
        if (nodes.length == 1) {
            if (nodes[0] == -4) {
                throw new OutOfMemoryError("tree-sitter parse");
            }
            return null;
        }
        return new FlatTree(nodes, g, tree[0]);
    }

    /**
     * The bytes the bonede bindings hand tree-sitter for {@code s}: UTF-8 without U+FEFF, U+FFFE and U+FFFF,
     * which their conversion drops (measured on every code point: only these three differ), so that both
     * paths parse the same bytes and give the same offsets.
     */
    static byte[] utf8(String s) {
        if (s.indexOf('\uFEFF') < 0 && s.indexOf('\uFFFE') < 0 && s.indexOf('\uFFFF') < 0) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\uFEFF' && c != '\uFFFE' && c != '\uFFFF') {
                b.append(c);
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code s} holds a surrogate without its pair (such text has no UTF-8 form to parse). */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Node type and field names of one language. */
    static final class Grammar {
        private final int id;
        private final String[] symbols;
        private final Map<String, Integer> fieldIds = new HashMap<>();

        Grammar(int id, String[] symbols, String[] fields) {
            this.id = id;
            this.symbols = symbols;
            for (int i = 1; i < fields.length; i++) {
                fieldIds.putIfAbsent(fields[i], i);
            }
        }

        String symbol(int symbol) {
            return symbols[symbol];
        }

        /** The id of a field name, or 0 when the grammar has no such field. */
        int fieldId(String name) {
            Integer i = fieldIds.get(name);
            return i == null ? 0 : i;
        }
    }

    private static native String[] symbolNames(int lang);

    private static native String[] fieldNames(int lang);

    private static native int[] parse(int lang, byte[] utf8, int[] ranges, long[] treeOut);

    static native int childByField(long tree, int node, int fieldId);

    static native int descendantSymbol(long tree, int row, int column);

    static native void free(long tree);
}
