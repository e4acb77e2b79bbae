package dev.backstop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void decodesUtf8AsItIs() {
        assertThat(Utf8.decode("Br\u00e4kGlass \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isEqualTo("Br\u00e4kGlass \ud83d\ude00");
    }

    @Test
    void namesTheLineAndByteOfTheFirstByteThatIsNotUtf8() {
        byte[] latin1 = "version: 1\nrules: [] # Br\u00e4kGlass\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Utf8.decode(latin1)).isInstanceOf(Utf8.NotUtf8Exception.class)
                .hasMessage("not UTF-8: byte 0xE4 at line 2, byte 15 of the line; save the file as UTF-8")
                .satisfies(e -> assertThat(((Utf8.NotUtf8Exception) e).line()).isEqualTo(2));
    }

    @Test
    void refusesOverlongFormsEncodedSurrogatesAndACutCharacter() {
        assertThatThrownBy(() -> Utf8.decode(new byte[] {'a', (byte) 0xC0, (byte) 0xAF})).hasMessageContaining("byte 0xC0");
        assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> Utf8.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).hasMessageContaining("not UTF-8");
    }
}
