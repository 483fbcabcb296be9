package io.headroom4j.compress.build;

import static io.headroom4j.compress.log.LogTestSupport.containsInOrder;
import static io.headroom4j.compress.log.LogTestSupport.reconstruct;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.log.LogTestSupport;
import io.headroom4j.compress.log.RepeatFolding;

final class BuildOutputCompressorProperties {

    private static final HeadroomConfig EAGER = HeadroomConfig.builder().minTokens(0).lossyMinTokens(0).build();

    private final BuildOutputCompressor compressor = new BuildOutputCompressor();

    @Property(tries = 150)
    void neverDropsAFailureOrAUserFrame(@ForAll("outputs") Generated out) {
        CompressionContext ctx = LogTestSupport.lossyContext(EAGER);
        Compressed c = compressor.compress(out.text(), ctx);
        assertThat(containsInOrder(RepeatFolding.decode(c.output()), out.mustStay())).isTrue();
    }

    @Property(tries = 150)
    void markersRetrieveExactlyWhatTheyReplace(@ForAll("outputs") Generated out) {
        CompressionContext ctx = LogTestSupport.lossyContext(EAGER);
        Compressed c = compressor.compress(out.text(), ctx);
        assertThat(reconstruct(c.output(), ctx.store())).isEqualTo(out.text());
    }

    @Property(tries = 100)
    void losslessModeRoundTrips(@ForAll("outputs") Generated out) {
        Compressed c = compressor.compress(out.text(), LogTestSupport.losslessContext());
        assertThat(c.retrievalKeys()).isEmpty();
        assertThat(RepeatFolding.decode(c.output())).isEqualTo(out.text());
    }

    /** Random build output and the lines that must stay (failures, errors, user frames). */
    record Generated(String text, List<String> mustStay) {
    }

    @Provide
    Arbitrary<Generated> outputs() {
        Arbitrary<String> foldable = Arbitraries.of(
                "test tests::item_%d ... ok", "test_cart.py::test_item[%d] PASSED  [ %d%%]",
                "--- PASS: TestItem/p_%d (0.00s)",
                "Downloading from central: https://repo.example/org/x/%d/x-%d.pom", "   Compiling dep%d v0.%d.0",
                "\tat org.junit.platform.engine.Node%d.execute(Node.java:%d)", "    at node:internal/timers:%d:%d",
                "[INFO] Building module %d of %d", "");
        Arbitrary<String> stays = Arbitraries.of(
                "FAILED test_cart.py::test_%d - assert %d == 900", "[ERROR] /src/Cart.java:[%d,%d] cannot find symbol",
                "error[E0308]: mismatched types at %d:%d", "\tat com.example.shop.Cart.total(Cart.java:%d) #%d",
                "--- FAIL: TestDiscount%d (0.%ds)", "AssertionError: expected %d but was %d",
                "npm ERR! code %d in step %d", "Tests run: %d, Failures: %d, Errors: 0, Skipped: 0");
        Arbitrary<String[]> entry = Arbitraries.integers().between(0, 99).flatMap(roll -> Combinators.combine(
                roll < 10 ? stays : foldable, Arbitraries.integers().between(1, 400).list().ofSize(2),
                Arbitraries.of("\n", "\n", "\r\n"))
                .as((f, ns, eol) -> new String[] {String.format(f, ns.toArray()), eol, roll < 10 ? "s" : "f"}));
        return entry.list().ofMaxSize(250).map(entries -> {
            StringBuilder sb = new StringBuilder();
            List<String> stay = new ArrayList<>();
            for (String[] e : entries) {
                sb.append(e[0]).append(e[1]);
                if (e[2].equals("s")) {
                    stay.add(e[0] + e[1]);
                }
            }
            return new Generated(sb.toString(), stay);
        });
    }
}
