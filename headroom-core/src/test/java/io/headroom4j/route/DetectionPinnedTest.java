package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Pins the detected {@link ContentType} of every fixture under headroom-core's {@code fixtures/}, so a change
 * to the detector that moves any answer shows up here. The expected list was recorded with the detector before session 4's speed-up.
 */
final class DetectionPinnedTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Path PINS = Path.of("src/test/resources/route/detected-types.txt");

    private final HeuristicContentDetector detector = new HeuristicContentDetector();

    @Test
    void everyFixtureKeepsItsDetectedType() throws IOException {
        Map<String, String> actual = detectAll();
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(PINS, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int tab = line.indexOf('\t');
                expected.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected);
    }

    @Test
    void everyFixtureAndEachOfItsTailsDetectsAsTheOldDetectorDid() throws IOException {
        LegacyHeuristicContentDetector old = new LegacyHeuristicContentDetector();
        for (Path file : fixtures()) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            // Tails from several offsets: other first lines, other samples, the same vote rules.
            for (int from = 0; from < text.length(); from += Math.max(1, text.length() / 7)) {
                String part = text.substring(from);
                assertThat(detector.detect(part)).as(file + " from " + from).isEqualTo(old.detect(part));
            }
            String utf8 = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(detector.detect(utf8)).as(file.toString()).isEqualTo(old.detect(utf8));
        }
    }

    private Map<String, String> detectAll() throws IOException {
        Map<String, String> types = new TreeMap<>();
        for (Path file : fixtures()) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            types.put(FIXTURES.relativize(file).toString().replace('\\', '/'), detector.detect(text).name());
        }
        return types;
    }

    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Prints the pin file from the current detector (run once, by hand, before changing it). */
    public static void main(String[] args) throws IOException {
        StringBuilder sb = new StringBuilder("# fixture path<TAB>detected ContentType; recorded by DetectionPinnedTest"
                + ".main before session 4's detector speed-up\n");
        new DetectionPinnedTest().detectAll().forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        System.out.print(sb);
    }
}
