package io.headroom4j.bench.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One input of the evaluation corpus.
 *
 * @param type    the corpus directory it came from ({@code log}, {@code json}, ...), used to group results
 * @param name    the file name
 * @param content the text
 * @param query   the question an agent would be asking about it, for relevance ranking
 */
public record CorpusFile(String type, String name, String content, String query) {

    /** Directories of the corpus that hold inputs, in report order. */
    public static final List<String> TYPES = List.of("json", "log", "build", "search", "diff", "tree", "code", "prose");

    private static final Map<String, String> QUERIES = Map.of(
            "json", "which items failed or have errors",
            "log", "why are requests failing with 503 errors and timeouts",
            "build", "which tests fail and why",
            "search", "where is this called",
            "diff", "what changed in the parser",
            "tree", "which dependency versions conflict",
            "code", "where are errors handled",
            "prose", "how do I configure caching");

    /** A stable id: {@code type/name}. */
    public String id() {
        return type + "/" + name;
    }

    /** UTF-8 size in bytes. */
    public int bytes() {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Every input under {@code root}/{@code <type>}/, sorted by type order, then name. */
    public static List<CorpusFile> load(Path root) {
        List<CorpusFile> files = new ArrayList<>();
        for (String type : TYPES) {
            Path dir = root.resolve(type);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.equalsIgnoreCase("README.md") || name.startsWith(".")) {
                        continue;
                    }
                    files.add(new CorpusFile(type, name, Files.readString(p, StandardCharsets.UTF_8),
                            QUERIES.get(type)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
