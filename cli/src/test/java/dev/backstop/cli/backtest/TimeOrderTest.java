package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final TimeOrder order = new TimeOrder(Duration.ofMinutes(60));
    private final List<String> released = new ArrayList<>();

    private static List<List<Decision>> decisions(String id, Instant time) {
        return List.of(List.of(new Decision(time, id, "StopLogging", "123456789012", "us-east-1", "caller", "rule",
                "cloudtrail.start-logging", "trail", Mode.ENFORCE, Verdict.ENFORCE, "why")));
    }

    private void offer(String id, long seconds) {
        order.offer(T0.plusSeconds(seconds), id, decisions(id, T0.plusSeconds(seconds)));
    }

    @Test
    void releasesWhatIsSettledInTimeOrderAndKeepsTheRestWaiting() {
        offer("c", 300);
        offer("a", 100);
        offer("d", 900);
        offer("b", 200);

        order.settle(T0.plusSeconds(301), pending -> released.add(pending.eventId()));

        assertThat(released).containsExactly("a", "b", "c");
        assertThat(order.waiting()).isEqualTo(1);
        order.drain(pending -> released.add(pending.eventId()));
        assertThat(released).containsExactly("a", "b", "c", "d");
    }

    @Test
    void anEventOlderThanWhatWasSettledIsStillDecidedAndCountedLate() {
        order.settle(T0.plusSeconds(500), pending -> released.add(pending.eventId()));
        offer("late", 100);
        order.settle(T0.plusSeconds(600), pending -> released.add(pending.eventId()));

        assertThat(released).containsExactly("late");
        assertThat(order.late()).isEqualTo(1);
    }

    @Test
    void aRedeliveryIsRefusedWhileItsFirstCopyIsWithinTheLatenessAndForgottenAfter() {
        offer("a", 0);
        order.settle(T0.plusSeconds(10), pending -> released.add(pending.eventId()));
        assertThat(order.offer(T0, "a", decisions("a", T0))).isFalse();
        assertThat(order.duplicates()).isEqualTo(1);

        order.settle(T0.plusSeconds(3_700), pending -> released.add(pending.eventId()));

        assertThat(order.offer(T0, "a", decisions("a", T0))).isTrue();
    }
}
