package dev.backstop.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.BreakerLimits;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The breakers counting in memory, as a backtest replays history through them. */
class BreakerMemoryTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final BreakerMemory memory = new BreakerMemory();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private final Breakers breakers = new Breakers(memory, new BreakerLimits(100, 3, Duration.ofMinutes(10), 100,
            Duration.ofHours(1)), new Telemetry(new PrintStream(metrics), new ObjectMapper(), clock), clock);

    private static ActionScope action(String resource) {
        return new ActionScope("123456789012", "us-east-1", "rule", null, resource);
    }

    private void at(long seconds) {
        clock.advance(Duration.between(clock.instant(), T0.plusSeconds(seconds)));
    }

    @Test
    void tripsPastTheLimitWithinAWindowAndHoldsBackWhatFollowsInItsScopeUntilItsCoolDown() {
        for (int i = 0; i < 3; i++) {
            at(i);
            assertThat(breakers.admit(action("r" + i))).isEmpty();
        }
        at(3);
        Optional<Hold> fourth = breakers.admit(action("r3"));
        at(3_602);
        Optional<Hold> withinTheCoolDown = breakers.admit(action("r4"));
        at(3_603);
        Optional<Hold> anHourLater = breakers.admit(action("r5"));

        assertThat(fourth).hasValueSatisfying(hold -> assertThat(hold.describe()).startsWith(
                "the blast-radius breaker of rule 123456789012/rule (tripped at 2026-11-20T09:00:03Z: more than 3"
                        + " enforcing actions of the rule in the account within 10 minutes; 4 counted in its window)"));
        assertThat(withinTheCoolDown).isPresent();
        assertThat(anHourLater).as("closed by its cool-down of an hour").isEmpty();
        assertThat(memory.tripped()).singleElement().satisfies(trip -> {
            assertThat(trip.scope()).isEqualTo(BreakerScope.rule("123456789012", "rule"));
            assertThat(trip.trippedAt()).isEqualTo(T0.plusSeconds(3));
        });
        assertThat(metrics.toString()).contains("BlastRadiusBreakerTripped");
    }

    @Test
    void countsEachFixedWindowAfresh() {
        for (int i = 0; i < 3; i++) {
            at(i);
            breakers.admit(action("r" + i));
        }
        at(600);

        assertThat(breakers.admit(action("r9"))).isEmpty();
        assertThat(memory.tripped()).isEmpty();
    }
}
