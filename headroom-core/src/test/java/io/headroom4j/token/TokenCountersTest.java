package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
