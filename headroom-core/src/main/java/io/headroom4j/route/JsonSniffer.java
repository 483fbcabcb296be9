package io.headroom4j.route;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** Checks that text is one well-formed JSON value, or JSON lines, with Jackson's streaming parser. */
final class JsonSniffer {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1_000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    private JsonSniffer() {
    }

    /** True for one complete JSON object or array, or for several of them one per line. */
    static boolean looksLikeJson(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            int values = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                    return false;
                }
                p.skipChildren();
                values++;
            }
            return values >= 1;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
