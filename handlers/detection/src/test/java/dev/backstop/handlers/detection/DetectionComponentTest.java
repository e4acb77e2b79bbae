package dev.backstop.handlers.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production graph of the function, built as Lambda builds it (no AWS call is made). */
class DetectionComponentTest {

    private final Settings settings = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.DRY_RUN, List.of());

    @Test
    void theDetectionFunctionsGraphWiresItsHandlerForApiCallsOnly() {
        DetectionComponent component = DaggerDetectionComponent.factory().create(settings, Clock.systemUTC());

        assertThat(new DetectionHandler(component)).isNotNull();
        assertThat(component.engine().decides(CloudTrailEvent.class)).isTrue();
        assertThat(component.engine().decides(FindingEvent.class)).isFalse();
    }
}
