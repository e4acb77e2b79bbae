package dev.backstop.handlers.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.canary.CanarySettings;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class CanaryComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theCanaryFunctionsGraphWiresItsHandler() {
        CanaryComponent component = CanaryComponent.create(settings, new CanarySettings("backstop-canary-bucket",
                "BackstopCanary"), Clock.systemUTC());

        assertThat(component.canary()).isSameAs(component.canary());
        assertThat(new CanaryHandler(component)).isNotNull();
    }
}
