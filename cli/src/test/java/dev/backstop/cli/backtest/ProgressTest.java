package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private long now;

    @Test
    void drawsFilesEventsRateAndTimeLeftOnATerminalAtMostTwiceASecond() {
        StringWriter terminal = new StringWriter();
        Progress progress = new Progress(new PrintWriter(terminal), () -> now);

        now = 100_000_000L;
        progress.file(1_000, 0.1);
        now = 2_000_000_000L;
        progress.file(99_000, 0.25);
        progress.finish();

        assertThat(terminal.toString()).isEqualTo("\r2 files, 100,000 events, 50,000 events/s, about 0:06 left\r"
                + "\r" + " ".repeat("2 files, 100,000 events, 50,000 events/s, about 0:06 left".length()) + "\r");
    }

    @Test
    void saysNothingWhenTheOutputIsNoTerminal() {
        Progress progress = new Progress(null, () -> now);
        now = 5_000_000_000L;
        progress.file(10, -1);
        progress.finish();

        assertThat(progress.line(now)).isEqualTo("1 files, 10 events, 2 events/s");
    }
}
