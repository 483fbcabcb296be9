package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

final class TokenCountersTest {

    @Test
    void picksTheEncodingByModelFamily() {
        assertThat(TokenCounters.forModel("gpt-4o-mini").name()).isEqualTo("o200k_base");
        assertThat(TokenCounters.forModel("gpt-5.1").name()).isEqualTo("o200k_base");
        assertThat(TokenCounters.forModel("openai/o3").name()).isEqualTo("o200k_base");
        assertThat(TokenCounters.forModel("gpt-4-turbo").name()).isEqualTo("cl100k_base");
        assertThat(TokenCounters.forModel("claude-sonnet-4-5").name()).isEqualTo("cl100k_base (Claude estimate)");
        assertThat(TokenCounters.forModel(null).name()).isEqualTo("o200k_base");
        assertThat(TokenCounters.forModel("llama3.1:8b").name()).isEqualTo("o200k_base");
    }

    @Test
    void countsLikeTiktoken() {
        // tiktoken: len(enc.encode("hello world")) == 2 for both; "<|endoftext|>" counted as plain text.
        assertThat(TokenCounters.o200k().count("hello world")).isEqualTo(2);
        assertThat(TokenCounters.cl100k().count("hello world")).isEqualTo(2);
        assertThat(TokenCounters.o200k().count("")).isZero();
        assertThat(TokenCounters.o200k().count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void noTokenIsLongerThanTheBoundTheEarlyYesRestsOn() {
        for (EncodingType type : new EncodingType[] {EncodingType.O200K_BASE, EncodingType.CL100K_BASE}) {
            Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
            int longest = 0;
            for (int id = 0; id < 201_000; id++) {
                IntArrayList one = new IntArrayList();
                one.add(id);
                try {
                    longest = Math.max(longest, encoding.decodeBytes(one).length);
                } catch (RuntimeException unknownId) {
                    // ids past the vocabulary, and gaps in it
                }
            }
            assertThat(longest).as("%s", type).isEqualTo(TokenCounters.MAX_TOKEN_BYTES);
        }
    }

    @Test
    void decidesAHugeSingleLineWithoutEncodingIt() {
        String line = "a".repeat(50_000_000);
        assertThat(TokenCounters.o200k().atLeast(line, 1_000)).isTrue();
        assertThat(TokenCounters.cl100k().atLeast("a".repeat(127_999), 1_000))
                .isEqualTo(TokenCounters.cl100k().count("a".repeat(127_999)) >= 1_000);
    }
}
