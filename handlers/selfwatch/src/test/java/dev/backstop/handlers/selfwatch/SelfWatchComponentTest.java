package dev.backstop.handlers.selfwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class SelfWatchComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theSelfWatchFunctionsGraphWiresItsHandler() {
        SelfWatchComponent component = SelfWatchComponent.create(settings,
                new OwnResources(List.of("arn:aws:events:us-east-1:123456789012:rule/backstop-*")), Clock.systemUTC());

        assertThat(component.engine()).isSameAs(component.engine());
        assertThat(new SelfWatchHandler(component)).isNotNull();
    }
}
