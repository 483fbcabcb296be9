package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.compress.build.BuildOutputCompressor;

/**
 * Pins the exact output bytes (and retrieval keys) of the log and build compressors on every log and build
 * fixture, so speed work on the line scanners cannot change a single output byte unnoticed. A hash that
 * changes on purpose (a real behaviour change) is updated here together with the reason in the commit.
 */
final class LogOutputsPinnedTest {

    private static final List<String> FIXTURES = List.of(
            "log/app.log", "log/access.log",
            "build/cargo-build-error.txt", "build/cargo-test-failure.txt", "build/go-test-verbose.txt",
            "build/go-test.txt", "build/gradle-compile-error.txt", "build/gradle-test-failure-verbose-ansi.txt",
            "build/gradle-test-failure.txt", "build/jest.txt", "build/maven-compile-error-e.txt",
            "build/maven-test-failure-ansi-progress.txt", "build/maven-test-failure-batch.txt",
            "build/node-test-tap.txt", "build/npm-jest-verbose.txt", "build/pytest-junit.xml",
            "build/pytest-verbose.txt", "build/pytest.txt", "build/surefire-TEST-CartTest.xml");

    private static final Map<String, String> PINNED = Map.ofEntries(
            Map.entry("log/app.log LogCompressor lossy", "fcbd9b9c7fdaa191ce386c44"),
            Map.entry("log/app.log LogCompressor lossless", "ad4711e0bda2917d858d9152"),
            Map.entry("log/app.log BuildOutputCompressor lossy", "2c35adf7a61bb1be3c71f723"),
            Map.entry("log/app.log BuildOutputCompressor lossless", "ad4711e0bda2917d858d9152"),
            Map.entry("log/app.logx2 LogCompressor lossy", "8a7e7982d7e4c748b9ab3da4"),
            Map.entry("log/app.logx2 LogCompressor lossless", "2ca676ef9fc8a042dfe0b3eb"),
            Map.entry("log/app.logx2 BuildOutputCompressor lossy", "1e24ab14567a17395b1d1052"),
            Map.entry("log/app.logx2 BuildOutputCompressor lossless", "2ca676ef9fc8a042dfe0b3eb"),
            Map.entry("log/access.log LogCompressor lossy", "02b0c6b74c47aaf8d5a44a7e"),
            Map.entry("log/access.log LogCompressor lossless", "939c35fee0f468b619ed2d7b"),
            Map.entry("log/access.log BuildOutputCompressor lossy", "3542046eb2979f3ccf47b18c"),
            Map.entry("log/access.log BuildOutputCompressor lossless", "939c35fee0f468b619ed2d7b"),
            Map.entry("log/access.logx2 LogCompressor lossy", "5c065a82522e7edebee8161a"),
            Map.entry("log/access.logx2 LogCompressor lossless", "c2d837bef3b46c38d11446b9"),
            Map.entry("log/access.logx2 BuildOutputCompressor lossy", "5e526994b07edaca23743663"),
            Map.entry("log/access.logx2 BuildOutputCompressor lossless", "c2d837bef3b46c38d11446b9"),
            Map.entry("build/cargo-build-error.txt LogCompressor lossy", "99d43171eff069decfb647bf"),
            Map.entry("build/cargo-build-error.txt LogCompressor lossless", "99d43171eff069decfb647bf"),
            Map.entry("build/cargo-build-error.txt BuildOutputCompressor lossy", "99d43171eff069decfb647bf"),
            Map.entry("build/cargo-build-error.txt BuildOutputCompressor lossless", "99d43171eff069decfb647bf"),
            Map.entry("build/cargo-build-error.txtx2 LogCompressor lossy", "04a0d27d73b0392f249065d9"),
            Map.entry("build/cargo-build-error.txtx2 LogCompressor lossless", "98b8cdba350e8dbb87b12f5e"),
            Map.entry("build/cargo-build-error.txtx2 BuildOutputCompressor lossy", "98b8cdba350e8dbb87b12f5e"),
            Map.entry("build/cargo-build-error.txtx2 BuildOutputCompressor lossless", "98b8cdba350e8dbb87b12f5e"),
            Map.entry("build/cargo-test-failure.txt LogCompressor lossy", "7a34b3ba0496f0fb719f1a2a"),
            Map.entry("build/cargo-test-failure.txt LogCompressor lossless", "fd5d50bdeb4767704392c299"),
            Map.entry("build/cargo-test-failure.txt BuildOutputCompressor lossy", "cecf1130541d4bce4cf44c96"),
            Map.entry("build/cargo-test-failure.txt BuildOutputCompressor lossless", "fd5d50bdeb4767704392c299"),
            Map.entry("build/cargo-test-failure.txtx2 LogCompressor lossy", "9c344a0b754d0a61449e7f8c"),
            Map.entry("build/cargo-test-failure.txtx2 LogCompressor lossless", "4adb45b6280a1f5f83469069"),
            Map.entry("build/cargo-test-failure.txtx2 BuildOutputCompressor lossy", "9b7339eaef1f85995a992633"),
            Map.entry("build/cargo-test-failure.txtx2 BuildOutputCompressor lossless", "4adb45b6280a1f5f83469069"),
            Map.entry("build/go-test-verbose.txt LogCompressor lossy", "779f9052cc867d931af324a9"),
            Map.entry("build/go-test-verbose.txt LogCompressor lossless", "779f9052cc867d931af324a9"),
            Map.entry("build/go-test-verbose.txt BuildOutputCompressor lossy", "779f9052cc867d931af324a9"),
            Map.entry("build/go-test-verbose.txt BuildOutputCompressor lossless", "779f9052cc867d931af324a9"),
            Map.entry("build/go-test-verbose.txtx2 LogCompressor lossy", "debfe52aaaf3837381cd9674"),
            Map.entry("build/go-test-verbose.txtx2 LogCompressor lossless", "9a0a0aee77273510474bf2d1"),
            Map.entry("build/go-test-verbose.txtx2 BuildOutputCompressor lossy", "2d5bb8c2ed128359a86c0bf2"),
            Map.entry("build/go-test-verbose.txtx2 BuildOutputCompressor lossless", "9a0a0aee77273510474bf2d1"),
            Map.entry("build/go-test.txt LogCompressor lossy", "ef389d82bac30736f7b16987"),
            Map.entry("build/go-test.txt LogCompressor lossless", "ef389d82bac30736f7b16987"),
            Map.entry("build/go-test.txt BuildOutputCompressor lossy", "ef389d82bac30736f7b16987"),
            Map.entry("build/go-test.txt BuildOutputCompressor lossless", "ef389d82bac30736f7b16987"),
            Map.entry("build/go-test.txtx2 LogCompressor lossy", "80081dd77fd9bbe64dd4568e"),
            Map.entry("build/go-test.txtx2 LogCompressor lossless", "80081dd77fd9bbe64dd4568e"),
            Map.entry("build/go-test.txtx2 BuildOutputCompressor lossy", "80081dd77fd9bbe64dd4568e"),
            Map.entry("build/go-test.txtx2 BuildOutputCompressor lossless", "80081dd77fd9bbe64dd4568e"),
            Map.entry("build/gradle-compile-error.txt LogCompressor lossy", "dbb4110be4bddfa37e3fbc44"),
            Map.entry("build/gradle-compile-error.txt LogCompressor lossless", "dbb4110be4bddfa37e3fbc44"),
            Map.entry("build/gradle-compile-error.txt BuildOutputCompressor lossy", "dbb4110be4bddfa37e3fbc44"),
            Map.entry("build/gradle-compile-error.txt BuildOutputCompressor lossless", "dbb4110be4bddfa37e3fbc44"),
            Map.entry("build/gradle-compile-error.txtx2 LogCompressor lossy", "bf82c423f28abcbebd01e8bc"),
            Map.entry("build/gradle-compile-error.txtx2 LogCompressor lossless", "27f16eecbe1dd3e72b834a28"),
            Map.entry("build/gradle-compile-error.txtx2 BuildOutputCompressor lossy", "505a356c9e8613c749ca868c"),
            Map.entry("build/gradle-compile-error.txtx2 BuildOutputCompressor lossless", "27f16eecbe1dd3e72b834a28"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txt LogCompressor lossy", "41ab6f41c2ac0b32d15889cd"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txt LogCompressor lossless", "7565989204928c0738ce6189"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txt BuildOutputCompressor lossy", "5dee904fcb7f9ebc53ca780e"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txt BuildOutputCompressor lossless", "7565989204928c0738ce6189"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txtx2 LogCompressor lossy", "65176813897784f4ff193629"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txtx2 LogCompressor lossless", "9e357d9e5131e2379a7f100d"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txtx2 BuildOutputCompressor lossy", "0e85cf2061f5978d6cb1b791"),
            Map.entry("build/gradle-test-failure-verbose-ansi.txtx2 BuildOutputCompressor lossless", "9e357d9e5131e2379a7f100d"),
            Map.entry("build/gradle-test-failure.txt LogCompressor lossy", "cfc8fa2d5fa6d9c35a3bd97f"),
            Map.entry("build/gradle-test-failure.txt LogCompressor lossless", "81584440c4d406d6e45244ba"),
            Map.entry("build/gradle-test-failure.txt BuildOutputCompressor lossy", "6d072a747af551f7f05917c4"),
            Map.entry("build/gradle-test-failure.txt BuildOutputCompressor lossless", "81584440c4d406d6e45244ba"),
            Map.entry("build/gradle-test-failure.txtx2 LogCompressor lossy", "ad8942e436774d37cb6d23cf"),
            Map.entry("build/gradle-test-failure.txtx2 LogCompressor lossless", "3d50c6bf7273d28b4434c292"),
            Map.entry("build/gradle-test-failure.txtx2 BuildOutputCompressor lossy", "50c13ede81c981837bc34811"),
            Map.entry("build/gradle-test-failure.txtx2 BuildOutputCompressor lossless", "3d50c6bf7273d28b4434c292"),
            Map.entry("build/jest.txt LogCompressor lossy", "d744e922de4dce2a362edbdf"),
            Map.entry("build/jest.txt LogCompressor lossless", "d744e922de4dce2a362edbdf"),
            Map.entry("build/jest.txt BuildOutputCompressor lossy", "d744e922de4dce2a362edbdf"),
            Map.entry("build/jest.txt BuildOutputCompressor lossless", "d744e922de4dce2a362edbdf"),
            Map.entry("build/jest.txtx2 LogCompressor lossy", "7e27bf47f00cb3868680217b"),
            Map.entry("build/jest.txtx2 LogCompressor lossless", "7e27bf47f00cb3868680217b"),
            Map.entry("build/jest.txtx2 BuildOutputCompressor lossy", "7e27bf47f00cb3868680217b"),
            Map.entry("build/jest.txtx2 BuildOutputCompressor lossless", "7e27bf47f00cb3868680217b"),
            Map.entry("build/maven-compile-error-e.txt LogCompressor lossy", "8929ee85e23fe06ce24023da"),
            Map.entry("build/maven-compile-error-e.txt LogCompressor lossless", "8929ee85e23fe06ce24023da"),
            Map.entry("build/maven-compile-error-e.txt BuildOutputCompressor lossy", "8582971a51760dbbf958f8c0"),
            Map.entry("build/maven-compile-error-e.txt BuildOutputCompressor lossless", "8929ee85e23fe06ce24023da"),
            Map.entry("build/maven-compile-error-e.txtx2 LogCompressor lossy", "3581f6a0114669753bb686f8"),
            Map.entry("build/maven-compile-error-e.txtx2 LogCompressor lossless", "3581f6a0114669753bb686f8"),
            Map.entry("build/maven-compile-error-e.txtx2 BuildOutputCompressor lossy", "41a9e960d86f7f187882bf2a"),
            Map.entry("build/maven-compile-error-e.txtx2 BuildOutputCompressor lossless", "3581f6a0114669753bb686f8"),
            Map.entry("build/maven-test-failure-ansi-progress.txt LogCompressor lossy", "d3184d3816cc921a5d13c90a"),
            Map.entry("build/maven-test-failure-ansi-progress.txt LogCompressor lossless", "421140b78883e8bf3cb93d53"),
            Map.entry("build/maven-test-failure-ansi-progress.txt BuildOutputCompressor lossy", "c05533046a5dd26a9d92fb25"),
            Map.entry("build/maven-test-failure-ansi-progress.txt BuildOutputCompressor lossless", "421140b78883e8bf3cb93d53"),
            Map.entry("build/maven-test-failure-ansi-progress.txtx2 LogCompressor lossy", "121ec5f772f74fe2d9f01c23"),
            Map.entry("build/maven-test-failure-ansi-progress.txtx2 LogCompressor lossless", "082396a8e686baf67abd8330"),
            Map.entry("build/maven-test-failure-ansi-progress.txtx2 BuildOutputCompressor lossy", "7520bad18c95ae6e3da11feb"),
            Map.entry("build/maven-test-failure-ansi-progress.txtx2 BuildOutputCompressor lossless", "082396a8e686baf67abd8330"),
            Map.entry("build/maven-test-failure-batch.txt LogCompressor lossy", "c1cd691b902fb15f906c1dde"),
            Map.entry("build/maven-test-failure-batch.txt LogCompressor lossless", "c1cd691b902fb15f906c1dde"),
            Map.entry("build/maven-test-failure-batch.txt BuildOutputCompressor lossy", "c438af150687a2b817e42738"),
            Map.entry("build/maven-test-failure-batch.txt BuildOutputCompressor lossless", "c1cd691b902fb15f906c1dde"),
            Map.entry("build/maven-test-failure-batch.txtx2 LogCompressor lossy", "846c98d0dd8a2ac0166ebf3c"),
            Map.entry("build/maven-test-failure-batch.txtx2 LogCompressor lossless", "846c98d0dd8a2ac0166ebf3c"),
            Map.entry("build/maven-test-failure-batch.txtx2 BuildOutputCompressor lossy", "fab9eb44e7a70f14ca167ef8"),
            Map.entry("build/maven-test-failure-batch.txtx2 BuildOutputCompressor lossless", "846c98d0dd8a2ac0166ebf3c"),
            Map.entry("build/node-test-tap.txt LogCompressor lossy", "ef83b8d9aa28a6921e14d234"),
            Map.entry("build/node-test-tap.txt LogCompressor lossless", "ef83b8d9aa28a6921e14d234"),
            Map.entry("build/node-test-tap.txt BuildOutputCompressor lossy", "94d2b9899fd4978f817519e4"),
            Map.entry("build/node-test-tap.txt BuildOutputCompressor lossless", "ef83b8d9aa28a6921e14d234"),
            Map.entry("build/node-test-tap.txtx2 LogCompressor lossy", "bbea0d3de1a414ab39c368d9"),
            Map.entry("build/node-test-tap.txtx2 LogCompressor lossless", "bbea0d3de1a414ab39c368d9"),
            Map.entry("build/node-test-tap.txtx2 BuildOutputCompressor lossy", "79d2284534f10cdc24011f65"),
            Map.entry("build/node-test-tap.txtx2 BuildOutputCompressor lossless", "bbea0d3de1a414ab39c368d9"),
            Map.entry("build/npm-jest-verbose.txt LogCompressor lossy", "4ae3dfc0fb70af2e00e73d2a"),
            Map.entry("build/npm-jest-verbose.txt LogCompressor lossless", "c7b16fd66a757fbb8fe5aef0"),
            Map.entry("build/npm-jest-verbose.txt BuildOutputCompressor lossy", "c9a1dbb6d5b1babb882af2ce"),
            Map.entry("build/npm-jest-verbose.txt BuildOutputCompressor lossless", "c7b16fd66a757fbb8fe5aef0"),
            Map.entry("build/npm-jest-verbose.txtx2 LogCompressor lossy", "67568715b8bbfbf65adb0b41"),
            Map.entry("build/npm-jest-verbose.txtx2 LogCompressor lossless", "ef38a83e2e55da70c97acae3"),
            Map.entry("build/npm-jest-verbose.txtx2 BuildOutputCompressor lossy", "ce71fbf0d48734a3dc4abdf6"),
            Map.entry("build/npm-jest-verbose.txtx2 BuildOutputCompressor lossless", "ef38a83e2e55da70c97acae3"),
            Map.entry("build/pytest-junit.xml LogCompressor lossy", "fa44c0825889e2652c456385"),
            Map.entry("build/pytest-junit.xml LogCompressor lossless", "fa44c0825889e2652c456385"),
            Map.entry("build/pytest-junit.xml BuildOutputCompressor lossy", "fa44c0825889e2652c456385"),
            Map.entry("build/pytest-junit.xml BuildOutputCompressor lossless", "fa44c0825889e2652c456385"),
            Map.entry("build/pytest-junit.xmlx2 LogCompressor lossy", "03a01179fc780ef87bd64d4c"),
            Map.entry("build/pytest-junit.xmlx2 LogCompressor lossless", "03a01179fc780ef87bd64d4c"),
            Map.entry("build/pytest-junit.xmlx2 BuildOutputCompressor lossy", "03a01179fc780ef87bd64d4c"),
            Map.entry("build/pytest-junit.xmlx2 BuildOutputCompressor lossless", "03a01179fc780ef87bd64d4c"),
            Map.entry("build/pytest-verbose.txt LogCompressor lossy", "64f894b93ab04ca2e23feec9"),
            Map.entry("build/pytest-verbose.txt LogCompressor lossless", "14f093a9c84725eb7deb879e"),
            Map.entry("build/pytest-verbose.txt BuildOutputCompressor lossy", "2e66c9e0c33b180ae7358628"),
            Map.entry("build/pytest-verbose.txt BuildOutputCompressor lossless", "14f093a9c84725eb7deb879e"),
            Map.entry("build/pytest-verbose.txtx2 LogCompressor lossy", "9c8383f876cdbf808ffce85c"),
            Map.entry("build/pytest-verbose.txtx2 LogCompressor lossless", "3e2321c00b622b3e6f3c8f72"),
            Map.entry("build/pytest-verbose.txtx2 BuildOutputCompressor lossy", "e0d0e56cc55860b1f7b87c8e"),
            Map.entry("build/pytest-verbose.txtx2 BuildOutputCompressor lossless", "3e2321c00b622b3e6f3c8f72"),
            Map.entry("build/pytest.txt LogCompressor lossy", "533be9ed4f4521cf85413b38"),
            Map.entry("build/pytest.txt LogCompressor lossless", "533be9ed4f4521cf85413b38"),
            Map.entry("build/pytest.txt BuildOutputCompressor lossy", "533be9ed4f4521cf85413b38"),
            Map.entry("build/pytest.txt BuildOutputCompressor lossless", "533be9ed4f4521cf85413b38"),
            Map.entry("build/pytest.txtx2 LogCompressor lossy", "191ffe1ee446b0e590a28b99"),
            Map.entry("build/pytest.txtx2 LogCompressor lossless", "191ffe1ee446b0e590a28b99"),
            Map.entry("build/pytest.txtx2 BuildOutputCompressor lossy", "191ffe1ee446b0e590a28b99"),
            Map.entry("build/pytest.txtx2 BuildOutputCompressor lossless", "191ffe1ee446b0e590a28b99"),
            Map.entry("build/surefire-TEST-CartTest.xml LogCompressor lossy", "6866f1996827cdc387ce0ab9"),
            Map.entry("build/surefire-TEST-CartTest.xml LogCompressor lossless", "f23cab625fe830bcef6466ce"),
            Map.entry("build/surefire-TEST-CartTest.xml BuildOutputCompressor lossy", "e65d161655d4905d41c6c0a4"),
            Map.entry("build/surefire-TEST-CartTest.xml BuildOutputCompressor lossless", "f23cab625fe830bcef6466ce"),
            Map.entry("build/surefire-TEST-CartTest.xmlx2 LogCompressor lossy", "02375adda752cd62e941fdc6"),
            Map.entry("build/surefire-TEST-CartTest.xmlx2 LogCompressor lossless", "0e4053878ef56d287494ecb2"),
            Map.entry("build/surefire-TEST-CartTest.xmlx2 BuildOutputCompressor lossy", "f94a94876fe71148a4eb7e84"),
            Map.entry("build/surefire-TEST-CartTest.xmlx2 BuildOutputCompressor lossless", "0e4053878ef56d287494ecb2")
    );

    @Test
    void logAndBuildOutputsStayByteForByteTheSame() {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String fixture : FIXTURES) {
            String input = Fixtures.read(fixture);
            // Twice the file as well: the benchmarks run on repeated logs, where templates grow large.
            for (String variant : List.of("", "x2")) {
                String content = variant.isEmpty() ? input : input + "\n" + input;
                for (Compressor c : List.of(new LogCompressor(), new BuildOutputCompressor())) {
                    String name = fixture + variant + " " + c.getClass().getSimpleName();
                    actual.put(name + " lossy", hash(c.compress(content, Fixtures.lossy(Fixtures.store(), ""))));
                    actual.put(name + " lossless", hash(c.compress(content, Fixtures.lossless())));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        actual.forEach((k, v) -> sb.append("            Map.entry(\"").append(k).append("\", \"").append(v)
                .append("\"),\n"));
        assertThat(actual).as("pinned outputs; now:\n%s", sb).isEqualTo(PINNED);
    }

    private static String hash(Compressed c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(c.output().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.join(",", c.retrievalKeys()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((c.transform() + "|" + c.lossless() + "|" + c.note()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
