package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogNamesTest {

    @Test
    void readsTheTimeATrailWroteAFileFromItsName() {
        assertThat(LogNames.fileTime("123456789012_CloudTrail_us-east-1_20261120T0915Z_AbCd1234.json.gz"))
                .contains(Instant.parse("2026-11-20T09:15:00Z"));
        assertThat(LogNames.fileTime("export.json")).isEmpty();
        assertThat(LogNames.fileTime("x_20261340T0915Z_y.json.gz")).isEmpty();
    }

    @Test
    void readsTheDayOfADayFolderAndNothingElse() {
        assertThat(LogNames.day(List.of("AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2026", "11", "20")))
                .contains(LocalDate.of(2026, 11, 20));
        assertThat(LogNames.day(List.of("CloudTrail", "us-east-1", "2026", "11"))).isEmpty();
        assertThat(LogNames.day(List.of("2026", "02", "30"))).isEmpty();
    }

    @Test
    void aWindowListsTheDayFoldersThatMayHoldItsEventsWithTheDayAfter() {
        Window window = new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-21T10:00:00Z"));

        assertThat(window.days()).containsExactly(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21),
                LocalDate.of(2026, 11, 22));
        assertThat(window.mayHoldDay(LocalDate.of(2026, 11, 19))).isFalse();
        assertThat(window.contains(Instant.parse("2026-11-21T10:00:00Z"))).isFalse();
        assertThat(Window.all().mayHoldDay(LocalDate.of(1999, 1, 1))).isTrue();
    }
}
