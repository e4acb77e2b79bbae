package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now;
    private final List<Long> waits = new ArrayList<>();
    private final Pacer pacer = new Pacer(2, () -> now, nanos -> { waits.add(nanos); now += nanos; });

    @Test
    void spacesCallsByTheRateAndDoesNotWaitWhenTheCallerIsSlowerAlready() {
        pacer.await();
        now += 100_000_000L;
        pacer.await();
        now += 2_000_000_000L;
        pacer.await();

        assertThat(waits).containsExactly(400_000_000L);
    }

    @Test
    void refusesARateOfNothingOrOfMoreThanAHundredASecond() {
        assertThatThrownBy(() -> new Pacer(0, () -> 0, nanos -> { })).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new Pacer(101, () -> 0, nanos -> { })).hasMessageContaining("at most 100");
    }
}
