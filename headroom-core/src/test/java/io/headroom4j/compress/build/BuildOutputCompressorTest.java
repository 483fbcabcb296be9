package io.headroom4j.compress.build;

import static io.headroom4j.compress.log.LogTestSupport.fixture;
import static io.headroom4j.compress.log.LogTestSupport.lossyContext;
import static io.headroom4j.compress.log.LogTestSupport.losslessContext;
import static io.headroom4j.compress.log.LogTestSupport.reconstruct;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.compress.log.RepeatFolding;

final class BuildOutputCompressorTest {

    private static final HeadroomConfig EAGER = HeadroomConfig.builder().minTokens(0).lossyMinTokens(0).build();

    private final BuildOutputCompressor compressor = new BuildOutputCompressor();

    @Test
    void mavenWithDownloadsKeepsFailuresUserFramesAndSummaryAndFoldsNoise() {
        String out = fixture("build/maven-test-failure-ansi-progress.txt");
        CompressionContext ctx = lossyContext();
        Compressed c = compressor.compress(out, ctx);
        String o = c.output();
        assertThat(o.length()).isLessThan(out.length() / 10);
        assertThat(o)
                .contains("org.opentest4j.AssertionFailedError: 10% off 10.00 ==> expected: <900> but was: <901>\n")
                .contains("\tat com.example.shop.CartTest.appliesDiscount(CartTest.java:34)\n")
                .contains("\tat com.example.shop.Cart.average(Cart.java:29)\n")
                .contains("java.lang.ArithmeticException: / by zero\n")
                .contains("Tests run: 37, Failures: 1, Errors: 1, Skipped: 0")
                .contains("BUILD FAILURE")
                .contains("lines of download and progress output omitted; retrieve: ")
                .contains("framework frame lines (org.junit) omitted")
                .doesNotContain("Downloaded from central")
                .doesNotContain("\tat org.junit.jupiter.api.AssertionFailureBuilder.build");
        // Progress bars sit on download lines, so they fold with them; the markers bring back every byte.
        assertThat(o).doesNotContain("Progress (").doesNotContain("\r");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void compileErrorKeepsEveryDiagnosticWithFileAndLine() {
        String out = fixture("build/maven-compile-error-e.txt");
        Compressed c = compressor.compress(out, lossyContext(EAGER));
        assertThat(c.output())
                .contains("[ERROR] /tmp/fx/mvn-compile/src/main/java/com/example/shop/Cart.java:[17,40]"
                        + " incompatible types:"
                        + " int cannot be converted to java.lang.String\n")
                .contains("[ERROR] /tmp/fx/mvn-compile/src/main/java/com/example/shop/Cart.java:[21,28]"
                        + " cannot find symbol\n")
                .contains("  symbol:   variable size\n")
                .contains("  location: variable prices of type java.util.List<java.lang.Long>\n")
                .contains("Caused by: org.apache.maven.plugin.compiler.CompilationFailureException:"
                        + " Compilation failure\n")
                .contains("framework frame lines (org.apache, jdk.internal, java.lang, …) omitted")
                .doesNotContain("at org.apache.maven.lifecycle.internal.MojoExecutor.doExecute2");
    }

    @Test
    void gradleTestFailureKeepsFailuresUserFramesWhatWentWrongAndFoldsTaskHeaders() {
        String out = fixture("build/gradle-test-failure.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o)
                .contains("\ncom.example.shop.ItemTest > quantityRoundTrips FAILED\n"
                        + "    java.lang.AssertionError: expected:<36> but was:<35>\n")
                .contains("        at com.example.shop.ItemTest.quantityRoundTrips(ItemTest.java:25)\n")
                .contains("        at com.example.shop.CartTest.appliesDiscountOnce(CartTest.java:332)\n")
                .contains("\n46 tests completed, 2 failed\n:test FAILED\n")
                .contains("\nFAILURE: Build failed with an exception.\n\n* What went wrong:\n"
                        + "Execution failed for task ':test'.\n")
                .contains("\nBUILD FAILED in 4s\n")
                .contains("[lines 4-9: 6 lines of Gradle task headers omitted; retrieve: ")
                .contains("lines of passing tests omitted")
                .doesNotContain(":compileTestJava\n")
                .doesNotContain("addsItem17 PASSED")
                .doesNotContain("at org.junit.Assert.failNotEquals");
        // ":test" heads the test events, so it stays.
        assertThat(o).contains("\n:test\n");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void gradleVerboseConsoleFoldsUpToDateTasksAndRedrawsButKeepsTheFailedTask() {
        String out = fixture("build/gradle-test-failure-verbose-ansi.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o)
                .contains("\u001b[31;1m> Task :test\u001b[0;39m\u001b[31m FAILED\u001b[39m")
                .contains("lines of Gradle task headers and console progress omitted; retrieve: ")
                .contains("java.lang.AssertionError: expected:<18000> but was:<16200>\n")
                .contains("* What went wrong:\nExecution failed for task ':test'.\n")
                .doesNotContain("> Task :compileJava")
                .doesNotContain("42% EXECUTING");
        assertThat(o.length()).isLessThan(out.length() / 2);
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void gradleCompileErrorKeepsEachErrorWithFileLineAndCaretAndFoldsDownloads() {
        String out = fixture("build/gradle-compile-error.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o)
                .contains("/tmp/gradle-fixture-ce/src/main/java/com/example/shop/Cart.java:18: error: incompatible"
                        + " types: String cannot be converted to int\n        int count = items.size() + \"\";\n")
                .contains("Cart.java:25: error: quantity has private access in Item\n"
                        + "            total += i.priceCents() * i.quantity;\n"
                        + "                                       ^\n")
                .contains("2 errors\n:compileJava FAILED\n")
                .contains("* What went wrong:\nExecution failed for task ':compileJava'.\n"
                        + "> Compilation failed; see the compiler error output for details.\n")
                .contains("BUILD FAILED in 14s")
                .contains("15 lines of download and progress output omitted")
                .doesNotContain("Download https://");
        // ":compileJava" heads the downloads and errors that follow it, so it stays.
        assertThat(o).contains("\n:compileJava\n");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void gradleTaskHeadersAreRecognisedButNeverAFailedOne() {
        assertThat(BuildLineClassifier.isGradleTask("> Task :compileJava UP-TO-DATE")).isTrue();
        assertThat(BuildLineClassifier.isGradleTask(":app:compileTestKotlin NO-SOURCE")).isTrue();
        assertThat(BuildLineClassifier.isGradleTask(":classes")).isTrue();
        assertThat(BuildLineClassifier.isGradleTask(":test FAILED")).isFalse();
        assertThat(BuildLineClassifier.isGradleTask("> Task :test FAILED")).isFalse();
        assertThat(BuildLineClassifier.isGradleTask(": not a task")).isFalse();
        assertThat(BuildLineClassifier.isGradleTask(":compileJava was slow today")).isFalse();
    }

    @Test
    void cargoBuildErrorStaysWhole() {
        String out = fixture("build/cargo-build-error.txt");
        Compressed c = compressor.compress(out, lossyContext(EAGER));
        // Every line is part of a compiler diagnostic: nothing may go.
        assertThat(c.output()).isEqualTo(out);
    }

    @Test
    void pytestVerboseFoldsPassingTestsAndKeepsTheFailureReport() {
        String out = fixture("build/pytest-verbose.txt");
        CompressionContext ctx = lossyContext(EAGER);
        Compressed c = compressor.compress(out, ctx);
        String o = c.output();
        assertThat(o).contains("[lines 26-265: 240 lines of passing tests omitted; retrieve: ")
                .contains("test_cart.py::test_applies_discount FAILED")
                .contains("E       assert 901 == 900\n")
                .contains("E       ZeroDivisionError: division by zero\n")
                .contains("cart.py:17: ZeroDivisionError\n")
                .contains("FAILED test_cart.py::test_line_items - AssertionError")
                .contains("3 failed, 255 passed, 1 skipped")
                .doesNotContain("test_stock_level_non_negative[17] PASSED");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
        assertThat(o.length()).isLessThan(out.length() / 5);
    }

    @Test
    void cargoTestKeepsUserFramesAndFoldsRuntimeFrames() {
        String out = fixture("build/cargo-test-failure.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o).contains("   4: cargo_shop::tests::applies_discount\n             at ./src/lib.rs:36:9\n")
                .contains("   3: cargo_shop::Cart::average\n             at ./src/lib.rs:19:9\n")
                .contains("thread 'tests::applies_discount' (10206) panicked at src/lib.rs:36:9:\n")
                .contains("  left: 901\n right: 900\n")
                .contains("test result: FAILED. 21 passed; 2 failed;")
                .contains("21 lines of passing tests omitted")
                .doesNotContain("core::panicking::panic_fmt");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void goTestKeepsFailuresAndTheUserFrame() {
        String out = fixture("build/go-test-verbose.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o).contains("    cart_test.go:18: Discounted(10) = 901, want 900\n")
                .contains("--- FAIL: TestAppliesDiscount (0.00s)\n")
                .contains("panic: runtime error: index out of range [0] with length 0")
                .contains("example.com/shop.(*Cart).First(...)\n\t/tmp/fx/goshop/cart.go:17\n")
                .contains("FAIL\texample.com/shop")
                .doesNotContain("--- PASS: TestSingleItem/price_55");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"build/npm-jest-verbose.txt", "build/jest.txt"})
    void jestKeepsEveryFailureBlock(String path) {
        String out = fixture(path);
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o).contains("  \u25cf Cart \u203a applies discount\n")
                .contains("    Expected: 900\n    Received: 901\n")
                .contains("    TypeError: Cannot read properties of undefined (reading 'toFixed')\n")
                .contains("      at Object.first (src/cart.test.js:8:63)\n")
                .contains("Tests:       3 failed, 28 passed, 31 total");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void nodeTestTapKeepsFailingBlocksAndFoldsPassingOnes() {
        String out = fixture("build/node-test-tap.txt");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o).contains("    not ok 1 - applies discount\n")
                .contains("        901 !== 900\n")
                .contains("        TestContext.<anonymous> (file:///tmp/fx/nodetest/cart.test.mjs:7:78)\n")
                .contains("        Cart.first (/tmp/fx/nodetest/cart.js:9:35)\n")
                .contains("lines of passing tests omitted")
                .contains("# fail 2\n")
                .doesNotContain("ok 7 - single item 4");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void junitXmlFoldsPropertiesAndPassingCasesAndKeepsFailures() {
        String out = fixture("build/surefire-TEST-CartTest.xml");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o).contains("lines of report <properties> omitted")
                .contains("<failure message=\"10% off 10.00 ==&gt; expected: &lt;900&gt; but was: &lt;901&gt;\"")
                .contains("\tat com.example.shop.CartTest.appliesDiscount(CartTest.java:34)\n")
                .contains("15 lines of passing tests omitted")
                .doesNotContain("<property name=\"java.vm.vendor\"");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
        assertThat(o.length()).isLessThan(out.length() / 3);
    }

    @Test
    void keepsCrlfLineEndings() {
        String out = fixture("build/pytest-verbose.txt").replace("\n", "\r\n");
        CompressionContext ctx = lossyContext(EAGER);
        String o = compressor.compress(out, ctx).output();
        assertThat(o.replace("\r\n", "")).doesNotContain("\n");
        assertThat(o).contains("E       assert 901 == 900\r\n");
        assertThat(reconstruct(o, ctx.store())).isEqualTo(out);
    }

    @Test
    void losslessModeLeavesBuildOutputExactOrRepeatFolded() {
        for (String path : List.of("build/pytest-verbose.txt", "build/maven-test-failure-ansi-progress.txt",
                "build/cargo-test-failure.txt")) {
            String out = fixture(path);
            Compressed c = compressor.compress(out, losslessContext());
            assertThat(c.lossless()).isTrue();
            assertThat(RepeatFolding.decode(c.output())).isEqualTo(out);
        }
    }

    @Test
    void smallOutputUnderTheLossyThresholdIsNotFolded() {
        String out = fixture("build/go-test.txt");
        Compressed c = compressor.compress(out, lossyContext());
        assertThat(c.output()).isEqualTo(out);
        assertThat(c.transform()).isEqualTo(LogCompressor.REPEATS);
    }

    @Test
    void oddInputNeverThrows() {
        byte[] bytes = new byte[200_000];
        new Random(11).nextBytes(bytes);
        List<String> inputs = List.of(new String(bytes, StandardCharsets.ISO_8859_1),
                new String(bytes, StandardCharsets.UTF_8), "\ud800\n".repeat(5000) + "FAILED x\n",
                "\u001b[31m\u001b[1mFAIL\u001b[0m\r\n".repeat(3000), "at \n".repeat(4000),
                "<properties>\n".repeat(3000));
        for (String s : inputs) {
            assertThat(compressor.compress(s, lossyContext(EAGER)).output()).isNotNull();
        }
        String big = "y".repeat(50 * 1024 * 1024);
        assertThat(compressor.compress(big, lossyContext()).output()).isSameAs(big);
    }
}
