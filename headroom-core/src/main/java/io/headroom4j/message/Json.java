package io.headroom4j.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Jackson setup for request bodies: no limit on string length (bodies are capped elsewhere). */
final class Json {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1_000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .maxDocumentLength(-1)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(1_000).build())
            // Emoji and other supplementary characters go out as UTF-8, as clients send them, not as
            // escaped surrogate pairs that cost more tokens.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    /** {@code value} as a JSON string literal in UTF-8, quotes included. */
    static byte[] stringLiteral(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 16);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
