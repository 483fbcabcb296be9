package io.headroom4j.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Chunked transfer coding: what {@link ChunkedOutput} writes, {@link ChunkedInput} reads back exactly. */
final class ChunkedCodecProperties {

    @Property(tries = 300)
    void decodeOfEncodeIsTheConcatenationOfTheWrites(@ForAll @Size(max = 12) List<byte[]> writes,
                                                     @ForAll @IntRange(min = 1, max = 50) int readSize)
            throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutput out = new ChunkedOutput(wire);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] w : writes) {
            out.write(w);
            expected.write(w);
        }
        out.finish();
        byte[] trailing = "GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        wire.write(trailing);
        HttpInput in = new HttpInput(new ByteArrayInputStream(wire.toByteArray()), 7);
        ChunkedInput chunked = new ChunkedInput(in);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[readSize];
        int n;
        while ((n = chunked.read(buf, 0, buf.length)) >= 0) {
            got.write(buf, 0, n);
        }
        assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(chunked.finished()).isTrue();
        // The decoder stops exactly at the end of the body: the next message is untouched.
        assertThat(in.readAllBytes()).isEqualTo(trailing);
    }

    @Test
    void extensionsAndTrailerFieldsAreReadAndDropped() throws IOException {
        String wire = "5;name=value\r\nhello\r\n6 \r\n world\r\n0\r\nExpires: never\r\nX-Other: 1\r\n\r\nREST";
        HttpInput in = new HttpInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 64);
        assertThat(new String(new ChunkedInput(in).readAllBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("hello world");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("REST");
    }

    @Test
    void aReadNeverWaitsForTheNextChunk() throws IOException {
        // Only the first chunk has arrived; a read returns it without asking the connection for more.
        HttpInput in = new HttpInput(new ByteArrayInputStream("3\r\nabc\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                64);
        ChunkedInput chunked = new ChunkedInput(in);
        byte[] buf = new byte[100];
        assertThat(chunked.read(buf, 0, buf.length)).isEqualTo(3);
    }

    @Test
    void malformedChunksAreRejected() {
        for (String bad : List.of("zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n", "\r\n",
                "ffffffffffffffff\r\n")) {
            HttpInput in = new HttpInput(new ByteArrayInputStream(bad.getBytes(StandardCharsets.ISO_8859_1)), 64);
            assertThatThrownBy(() -> new ChunkedInput(in).readAllBytes()).as(bad).isInstanceOf(HttpException.class);
        }
    }

    @Test
    void aConnectionThatEndsInsideAChunkIsAnError() {
        HttpInput in = new HttpInput(new ByteArrayInputStream("a\r\nabc".getBytes(StandardCharsets.ISO_8859_1)), 64);
        assertThatThrownBy(() -> new ChunkedInput(in).readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void anEmptyWriteIsNotTheLastChunk() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutput out = new ChunkedOutput(wire);
        out.write(new byte[0]);
        out.write("x".getBytes(StandardCharsets.ISO_8859_1));
        out.finish();
        assertThat(wire.toString(StandardCharsets.ISO_8859_1)).isEqualTo("1\r\nx\r\n0\r\n\r\n");
    }
}
