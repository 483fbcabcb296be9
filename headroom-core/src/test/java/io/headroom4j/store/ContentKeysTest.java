package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

final class ContentKeysTest {

    private static String expected(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash).substring(0, 24);
    }

    private static String longText(String salt) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 10_000; i++) {
            sb.append("line ").append(i).append(' ').append(salt).append(" ✓\n");
        }
        return sb.toString();
    }

    @Test
    void aLongStringHashedTwiceGivesTheSameKeyAsAFreshDigest() throws Exception {
        String text = longText("a");
        assertThat(ContentKeys.sha256Prefix(text)).isEqualTo(expected(text));
        assertThat(ContentKeys.sha256Prefix(text)).isEqualTo(expected(text));
    }

    @Test
    void theRememberedKeyIsNeverGivenToAnotherStringEvenAnEqualOneOrASubstring() throws Exception {
        String text = longText("b");
        String key = ContentKeys.sha256Prefix(text);
        String copy = new String(text.toCharArray());
        String slice = text.substring(1);
        String other = longText("c");
        assertThat(ContentKeys.sha256Prefix(copy)).isEqualTo(key);
        assertThat(ContentKeys.sha256Prefix(slice)).isEqualTo(expected(slice)).isNotEqualTo(key);
        assertThat(ContentKeys.sha256Prefix(other)).isEqualTo(expected(other));
        assertThat(ContentKeys.sha256Prefix(text)).isEqualTo(key);
        assertThat(ContentKeys.sha256Prefix(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(key);
    }

    @Test
    void shortAndEmptyStringsGetTheirOwnKeys() throws Exception {
        assertThat(ContentKeys.sha256Prefix("")).isEqualTo(expected(""));
        assertThat(ContentKeys.sha256Prefix("hello")).isEqualTo(expected("hello"));
        assertThat(ContentKeys.sha256Prefix("hellp")).isEqualTo(expected("hellp"));
    }

    @Test
    void theEncodableKeyIsTheSameKeyAndRefusesALoneSurrogate() throws Exception {
        String ascii = "GET /api/items/1 200\n".repeat(500);
        String latin = "caf\u00e9 \u00e9t\u00e9\n".repeat(500);
        String wide = "\u65e5\u672c \ud83d\ude00\n".repeat(500);
        for (String text : new String[] {ascii, latin, wide, "short"}) {
            assertThat(ContentKeys.keyOfEncodable(text)).isEqualTo(expected(text));
            // Hashed before on this thread (the memo key): the remembered key, still checked.
            assertThat(ContentKeys.sha256Prefix(text)).isEqualTo(ContentKeys.keyOfEncodable(text));
        }
        String lone = ascii + "\ud83d" + ascii;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContentKeys.keyOfEncodable(lone))
                .isInstanceOf(IllegalArgumentException.class);
        ContentKeys.sha256Prefix(lone);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContentKeys.keyOfEncodable(lone))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
