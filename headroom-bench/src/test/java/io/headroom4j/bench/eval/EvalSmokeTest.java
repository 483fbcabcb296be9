package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole harness on one small corpus input, without the Python peer, so CI catches a broken harness. */
final class EvalSmokeTest {

    @Test
    void writesTheReportChartsAndHeadlineForASmallSubset(@TempDir Path tmp) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path docs = tmp.resolve("docs");
        int code = EvalMain.run(new String[] {"--corpus", "corpus", "--docs", docs.toString(), "--work",
            tmp.resolve("work").toString(), "--no-python", "--no-conversations", "--no-bar", "--quick",
            "--types", "tree", "--max-files", "1"});

        assertThat(code).isZero();
        String report = Files.readString(docs.resolve("EVALUATION.md"));
        assertThat(report).contains("## Tokens saved", "## Retention", "## Side by side", "tree/mvn-dependency-tree");
        assertThat(Files.readString(docs.resolve("eval-headline.md"))).contains("| tree |");
        assertThat(docs.resolve("img/eval-savings.png")).isNotEmptyFile();
    }
}
