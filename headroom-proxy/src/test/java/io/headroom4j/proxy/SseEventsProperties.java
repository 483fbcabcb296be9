package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class SseEventsProperties {

    private static final String STREAM = Streams.anthropicFull() + Streams.openAiFull()
            + "event: ping\r\ndata: {}\r\n\r\n" + ": keep-alive comment\n\n";

    /** However the bytes are cut, the same whole events come out, and together they are the stream. */
    @Property(tries = 300)
    void anyChunkingYieldsTheSameEvents(@ForAll @Size(max = 40) List<@IntRange(min = 1, max = 200) Integer> cuts) {
        byte[] all = STREAM.getBytes(StandardCharsets.UTF_8);
        SseEvents whole = new SseEvents();
        List<SseEvents.Event> expected = whole.feed(all, 0, all.length);
        SseEvents split = new SseEvents();
        List<SseEvents.Event> got = new ArrayList<>();
        int pos = 0;
        for (int c : cuts) {
            int n = Math.min(c, all.length - pos);
            got.addAll(split.feed(all, pos, n));
            pos += n;
        }
        got.addAll(split.feed(all, pos, all.length - pos));
        assertThat(got).hasSameSizeAs(expected);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).raw()).isEqualTo(expected.get(i).raw());
            assertThat(got.get(i).data()).isEqualTo(expected.get(i).data());
            joined.writeBytes(got.get(i).raw());
        }
        assertThat(joined.toByteArray()).isEqualTo(all);
        assertThat(split.remainder()).isEmpty();
    }
}
