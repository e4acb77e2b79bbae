package dev.backstop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecimalTest {

    @Test
    void readsAsciiDecimalDigits() {
        assertThat(Decimal.whole("443")).hasValue(443);
        assertThat(Decimal.whole("-1")).hasValue(-1);
        assertThat(Decimal.whole("0443")).hasValue(443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0664\u0664\u0663", "\uff14\uff14\uff13", "0x1BB", "1e3", "443.0", "+443", " 443", "",
        "9999999999999999999"})
    void readsNothingElse(String text) {
        assertThat(Decimal.whole(text)).isEmpty();
    }
}
