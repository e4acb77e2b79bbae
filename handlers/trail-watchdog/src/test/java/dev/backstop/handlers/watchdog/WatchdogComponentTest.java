package dev.backstop.handlers.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.watchdog.WatchdogScope;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class WatchdogComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theWatchdogsGraphWiresItsHandlerAndPriming() {
        WatchdogComponent component = WatchdogComponent.create(settings, Clock.systemUTC());

        assertThat(component.watchdog()).isSameAs(component.watchdog());
        assertThat(component.priming()).isSameAs(component.priming());
        assertThat(new TrailWatchdogHandler(component, WatchdogScope.EVERY_TRAIL)).isNotNull();
    }
}
