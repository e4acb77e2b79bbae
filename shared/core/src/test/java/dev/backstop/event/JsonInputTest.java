package dev.backstop.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonInputTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesADocumentLargerThanAnyEventBeforeParsingIt() {
        byte[] large = new byte[JsonInput.MAX_BYTES + 1];

        assertThatThrownBy(() -> JsonInput.read(large)).isInstanceOf(MalformedEventException.class)
                .hasMessage("$: more than 1,048,576 bytes, larger than any event AWS delivers (at most 1,048,576 bytes are read)");
    }

    @Test
    void readsNoMoreOfAStreamThanTheLimitAndOneByte() throws IOException {
        byte[] read = JsonInput.readCapped(new ByteArrayInputStream(new byte[24 << 20]));

        assertThat(read).hasSize(JsonInput.MAX_BYTES + 1);
    }

    @Test
    void namesTheNestingLimitAndWhereItWasReached() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")))
                .hasMessage("$: nested more than 64 levels deep at line 1, column 70");
    }

    @Test
    void refusesDataAfterTheDocumentAndAKeyGivenTwice() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\":1} {\"a\":2}")))
                .hasMessage("$: more data after the JSON document at line 1, column 9; one payload holds one document");
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\":1,\"a\":2}")))
                .hasMessageStartingWith("$: not valid JSON at line 1, column ").hasMessageEndingWith("the key \"a\" appears twice in one object");
    }

    @Test
    void neverGuessesAnotherEncodingFromANulByte() {
        assertThatThrownBy(() -> JsonInput.read(new byte[] {0, '{', 0, '}'}))
                .hasMessage("$: not valid JSON at line 1, column 2: control character U+0000 between values, where JSON allows"
                        + " only spaces, tabs and line breaks");
    }

    @Test
    void saysWhatIsWrongInWordsWithoutTheParsersOwnNames() {
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\": tru}"))).hasMessage(
                "$: not valid JSON at line 1, column 7: unexpected word \"tru\"");
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\": 1"))).hasMessage(
                "$: not valid JSON at line 1, column 8: the document ends before its value does");
        assertThatThrownBy(() -> JsonInput.read(bytes("{\"a\": NaN}"))).hasMessageNotContaining("`")
                .hasMessageContaining("\"NaN\" is not a JSON value");
    }

    @Test
    void readsAByteOrderMarkAsNothing() {
        assertThat(JsonInput.read(bytes("\uFEFF{\"a\":1}")).get("a").asInt()).isEqualTo(1);
    }
}
