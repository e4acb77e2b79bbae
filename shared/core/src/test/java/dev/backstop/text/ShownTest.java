package dev.backstop.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShownTest {

    @Test
    void escapesWhatWouldForgeARowOrMoveTheCursor() {
        assertThat(Shown.escaped("StopLogging\r\n  forged row")).isEqualTo("StopLogging\\r\\n  forged row");
        assertThat(Shown.escaped("\u001b[2Jcleared")).isEqualTo("\\u001B[2Jcleared");
        assertThat(Shown.escaped("abc\u202Efdp.exe")).isEqualTo("abc\\u202Efdp.exe");
        assertThat(Shown.escaped("nul\u0000")).isEqualTo("nul\\u0000");
    }

    @Test
    void leavesPrintableTextOfAnyScriptAsItIs() {
        assertThat(Shown.escaped("Br\u00e4kGlass \u65e5\u672c \ud83d\ude00")).isEqualTo("Br\u00e4kGlass \u65e5\u672c \ud83d\ude00");
    }

    @Test
    void cutsALongValueAndSaysHowLongItWas() {
        String quoted = Shown.quoted("x".repeat(10_000_000));

        assertThat(quoted).hasSizeLessThan(120).startsWith("\"xxx").endsWith("... (10,000,000 characters)\"");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String value = "a".repeat(Shown.PREVIEW - 1) + "\ud83d\ude00" + "b".repeat(100);

        assertThat(Shown.truncated(value)).doesNotContain("\\uD83D").startsWith("a".repeat(Shown.PREVIEW - 1) + "...");
    }

    @Test
    void countsTheSameWayInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertThat(Shown.count(1_048_576)).isEqualTo("1,048,576");
            Locale.setDefault(Locale.GERMANY);
            assertThat(Shown.count(1_048_576)).isEqualTo("1,048,576");
        } finally {
            Locale.setDefault(before);
        }
    }
}
