package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModeTest {

    @ParameterizedTest
    @CsvSource({
        "enforce, enforce, enforce",
        "enforce, dry-run, dry-run",
        "enforce, notify, notify",
        "dry-run, enforce, dry-run",
        "notify, enforce, notify",
        "off, enforce, off",
        "notify, dry-run, notify"})
    void theGlobalModeCanOnlyMakeARuleSafer(String rule, String global, String effective) {
        assertThat(Mode.parse(rule).capTo(Mode.parse(global))).isEqualTo(Mode.parse(effective));
    }
}
